import { describe, expect, it } from 'vitest';
import { decodeReadingsMessage } from '@rpm/contracts';
import { measureVitals } from '../physiology/measure-vitals.ts';
import { createSimulatedPatient, type PatientProfile } from '../physiology/simulated-patient.ts';
import { resolveCadence, typesDue } from './cadence.ts';
import { encodeReadingsMessage } from './encode-readings-message.ts';
import { formatDeviceTime } from './format-device-time.ts';

const T0 = Date.parse('2025-03-01T00:00:00Z');

describe('formatDeviceTime', () => {
  it.each([
    { offset: 300, expected: '2025-03-01T05:00:00.000+05:00' },
    { offset: 0, expected: '2025-03-01T00:00:00.000+00:00' },
    { offset: -210, expected: '2025-02-28T20:30:00.000-03:30' },
    { offset: 345, expected: '2025-03-01T05:45:00.000+05:45' },
  ])('writes local time with offset $offset min', ({ offset, expected }) => {
    expect(formatDeviceTime(T0, offset)).toBe(expected);
    expect(Date.parse(expected)).toBe(T0);
  });
});

describe('encodeReadingsMessage', () => {
  const cases: { profile: PatientProfile; offset: number }[] = [
    { profile: 'stable', offset: 300 },
    { profile: 'desaturating', offset: 300 },
    { profile: 'desaturating', offset: -480 },
    { profile: 'stable', offset: 0 },
  ];
  it.each(cases)(
    'every message of a day ($profile, UTC offset $offset min) passes the gateway decoder with zero rejections',
    ({ profile, offset }) => {
      const cadence = resolveCadence();
      const intervalMs = 5_000;
      let messages = 0;
      for (let seed = 1; seed <= 3; seed++) {
        const patient = createSimulatedPatient({ seed, profile, utcOffsetMinutes: offset, anchorMs: T0 });
        for (let tick = 0; tick < 17_280; tick += seed) {
          const atMs = T0 + tick * intervalMs;
          const readings = measureVitals(patient, typesDue(cadence, tick), atMs);
          const decoded = decodeReadingsMessage(Buffer.from(encodeReadingsMessage(tick + 1, readings, offset)));
          if (!decoded.ok) throw new Error(`message refused: ${decoded.reason} ${decoded.detail}`);
          expect(decoded.rejected).toEqual([]);
          expect(decoded.seq).toBe(tick + 1);
          // What arrives, in canonical units and epoch ms, is exactly what was measured.
          expect(decoded.accepted).toEqual(readings);
          messages++;
        }
      }
      expect(messages).toBeGreaterThan(10_000);
    },
  );

  it('writes blood pressure as systolic/diastolic with the cuff pulse and the canonical unit', () => {
    const patient = createSimulatedPatient({ seed: 1, profile: 'stable' });
    const json = JSON.parse(encodeReadingsMessage(7, measureVitals(patient, ['blood_pressure', 'body_temperature'], T0), 300)) as {
      seq: number;
      readings: Record<string, unknown>[];
    };
    expect(json.seq).toBe(7);
    expect(json.readings[0]).toMatchObject({ type: 'blood_pressure', unit: 'mm[Hg]', at: '2025-03-01T05:00:00.000+05:00' });
    expect(Object.keys(json.readings[0] ?? {}).sort()).toEqual(['at', 'diastolic', 'pulse', 'systolic', 'type', 'unit']);
    expect(json.readings[1]).toMatchObject({ type: 'body_temperature', unit: 'Cel' });
  });
});
