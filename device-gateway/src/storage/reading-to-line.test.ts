import { describe, expect, it } from 'vitest';
import type { AcceptedReading, CanonicalReading } from '@rpm/contracts';
import { readingToPoint } from './influx-reading-store.ts';
import { readingToLine } from './reading-to-line.ts';

const at = Date.UTC(2026, 10, 30, 8, 15, 0, 123);
const accepted = (reading: CanonicalReading, ids: { deviceId?: string; patientId?: string } = {}): AcceptedReading => ({
  deviceId: ids.deviceId ?? 'dev-a1',
  patientId: ids.patientId ?? 'pat-1',
  seq: 42,
  receivedAt: at + 5,
  reading,
});

describe('readingToLine is the library Point’s line protocol, byte for byte', () => {
  it.each([
    { name: 'heart rate', input: accepted({ type: 'heart_rate', at, value: 72 }) },
    { name: 'a fractional float', input: accepted({ type: 'body_temperature', at, value: 36.6 }) },
    { name: 'a float with binary noise', input: accepted({ type: 'body_weight', at, value: 0.1 + 0.2 }) },
    { name: 'SpO2 on oxygen', input: accepted({ type: 'spo2', at, value: 93, onOxygen: true }) },
    { name: 'SpO2 on air', input: accepted({ type: 'spo2', at, value: 97, onOxygen: false }) },
    { name: 'SpO2 without the flag', input: accepted({ type: 'spo2', at, value: 97 }) },
    { name: 'blood pressure with pulse', input: accepted({ type: 'blood_pressure', at, systolic: 120, diastolic: 80.5, pulse: 61 }) },
    { name: 'blood pressure without pulse', input: accepted({ type: 'blood_pressure', at, systolic: 140, diastolic: 90 }) },
    {
      name: 'tag values needing escapes',
      input: accepted({ type: 'heart_rate', at, value: 60 }, { deviceId: 'dev a,1', patientId: 'p=1' }),
    },
  ])('$name', ({ input }) => {
    expect(readingToLine(input)).toBe(readingToPoint(input).toLineProtocol());
  });
});
