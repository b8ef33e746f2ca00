import { describe, expect, it } from 'vitest';
import { parseRoute, routeHref, type Route } from './route.ts';

const ID = '11111111-1111-4111-8111-111111111111';

describe('parseRoute', () => {
  it.each<{ hash: string; expected: Route }>([
    { hash: '', expected: { page: 'queue' } },
    { hash: '#', expected: { page: 'queue' } },
    { hash: '#/', expected: { page: 'queue' } },
    { hash: `#/patients/${ID}`, expected: { page: 'patient', patientId: ID } },
    { hash: `#/patients/${ID}/`, expected: { page: 'patient', patientId: ID } },
    { hash: `#/patients/${ID.toUpperCase()}`, expected: { page: 'patient', patientId: ID } },
    { hash: '#/patients/not-a-uuid', expected: { page: 'queue' } },
    { hash: '#/patients', expected: { page: 'roster' } },
    { hash: '#/patients/', expected: { page: 'roster' } },
    { hash: '#/ops', expected: { page: 'ops' } },
    { hash: '#/ops/', expected: { page: 'ops' } },
    { hash: '#/opsx', expected: { page: 'queue' } },
    { hash: '#/me', expected: { page: 'me' } },
    { hash: '#/me/', expected: { page: 'me' } },
    { hash: '#/mex', expected: { page: 'queue' } },
    { hash: `#/patients/${ID}/extra`, expected: { page: 'queue' } },
    { hash: '#/unknown', expected: { page: 'queue' } },
  ])('$hash → $expected.page', ({ hash, expected }) => {
    expect(parseRoute(hash)).toEqual(expected);
  });

  it.each<Route>([{ page: 'queue' }, { page: 'roster' }, { page: 'ops' }, { page: 'me' }, { page: 'patient', patientId: ID }])(
    'routeHref round-trips %o',
    (route) => {
      expect(parseRoute(routeHref(route))).toEqual(route);
    },
  );
});
