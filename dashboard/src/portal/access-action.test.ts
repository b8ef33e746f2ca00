import { describe, expect, it } from 'vitest';
import { accessSubject } from './access-action.ts';

describe('accessSubject', () => {
  it.each([
    { action: 'alert.assign', expected: 'alert' },
    { action: 'patient.read', expected: 'patient' },
    { action: 'portal_user.create', expected: 'portal' },
    { action: 'passport.history', expected: 'passport' },
    { action: 'something.new', expected: 'other' },
    { action: '', expected: 'other' },
  ])('$action → $expected', ({ action, expected }) => {
    expect(accessSubject(action)).toBe(expected);
  });
});
