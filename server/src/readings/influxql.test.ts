import { describe, expect, it } from 'vitest';
import { buildDownsampleQuery, buildLatestQuery } from './influxql.ts';

const T0 = Date.UTC(2026, 0, 15, 8, 0, 0);
const P = '5b0c6f3e-2a8e-4c1b-9d3e-7f1a2b3c4d5e';
const WHERE = `"patient_id" = '${P}' AND time >= ${T0}ms AND time <= ${T0 + 60_000}ms`;

describe('buildDownsampleQuery', () => {
  const q = { patientId: P, from: T0, to: T0 + 60_000 };
  const rows: { name: string; input: Parameters<typeof buildDownsampleQuery>; expected: string }[] = [
    {
      name: 'a scalar type summarises `value`',
      input: [{ ...q, type: 'heart_rate', interval: '1m' }, 'rpm'],
      expected:
        'SELECT count("value") AS "count", mean("value") AS "value_mean", min("value") AS "value_min", max("value") AS "value_max" ' +
        `FROM "vitals" WHERE ${WHERE} AND "type" = 'heart_rate' GROUP BY time(1m) fill(none)`,
    },
    {
      name: 'blood pressure summarises systolic and diastolic, in a named retention policy',
      input: [{ ...q, type: 'blood_pressure', interval: '1d' }, 'rpm', 'month'],
      expected:
        'SELECT count("systolic") AS "count", mean("systolic") AS "systolic_mean", min("systolic") AS "systolic_min", ' +
        'max("systolic") AS "systolic_max", mean("diastolic") AS "diastolic_mean", min("diastolic") AS "diastolic_min", ' +
        `max("diastolic") AS "diastolic_max" FROM "rpm"."month"."vitals" WHERE ${WHERE} AND "type" = 'blood_pressure' ` +
        'GROUP BY time(1d) fill(none)',
    },
  ];
  it.each(rows)('$name', ({ input, expected }) => {
    expect(buildDownsampleQuery(...input)).toBe(expected);
  });
});

describe('buildLatestQuery', () => {
  const rows: { name: string; ids: string[]; regex: string }[] = [
    { name: 'ids as one anchored alternation', ids: [P, 'b'], regex: `/^(?:${P}|b)$/` },
    { name: 'regex metacharacters are literals', ids: ['a.b*', '(x|y)'], regex: '/^(?:a\\.b\\*|\\(x\\|y\\))$/' },
    { name: 'the delimiter, backslashes and newlines are escaped', ids: ['a/b\\c\nd'], regex: '/^(?:a\\/b\\\\c\\nd)$/' },
  ];
  it.each(rows)('$name', ({ ids, regex }) => {
    expect(buildLatestQuery(ids, 'rpm')).toBe(
      `SELECT * FROM "vitals" WHERE "patient_id" =~ ${regex} GROUP BY "patient_id", "type" ORDER BY time DESC LIMIT 1`,
    );
  });
});
