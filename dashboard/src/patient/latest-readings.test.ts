import type { VitalPoint } from '@rpm/contracts';
import { describe, expect, it } from 'vitest';
import { latestByType } from './latest-readings.ts';

const point = (type: VitalPoint['type'], at: string, value: number): VitalPoint => ({ type, at, unit: '', value, deviceId: 'd1' });

describe('latestByType', () => {
  it('keeps the newest reading of each type, whatever the order', () => {
    const latest = latestByType([
      point('spo2', '2025-11-23T09:05:00Z', 95),
      point('spo2', '2025-11-23T09:00:00Z', 90),
      point('heart_rate', '2025-11-23T08:00:00Z', 70),
      point('spo2', '2025-11-23T09:10:00Z', 93),
    ]);
    expect(latest.get('spo2')?.value).toBe(93);
    expect(latest.get('heart_rate')?.value).toBe(70);
    expect(latest.has('body_weight')).toBe(false);
  });

  it('of two readings at the same time, the later in the list wins (the later upload)', () => {
    const latest = latestByType([point('spo2', '2025-11-23T09:00:00Z', 90), point('spo2', '2025-11-23T09:00:00Z', 91)]);
    expect(latest.get('spo2')?.value).toBe(91);
  });
});
