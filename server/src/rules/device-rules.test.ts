import { describe, expect, it } from 'vitest';
import { engineFor, HOUR, MINUTE, raised, reading, summary, T0 } from './rules-fixtures.ts';

describe('device conditions', () => {
  it.each([
    // [battery % reports, expected]: raise below 20 %, clear at 30 % or more
    [[25, 19], ['raise:device_battery_low']],
    [[19, 25], ['raise:device_battery_low']],
    [
      [19, 25, 30],
      ['raise:device_battery_low', 'clear:device_battery_low'],
    ],
    [[20, 50], []],
  ] as [number[], string[]][])('battery %j → %j', (levels, expected) => {
    const engine = engineFor();
    const events = levels.flatMap((battery, i) => engine.deviceStatus('p1', 'dev-1', { battery }, T0 + i * HOUR));
    expect(summary(events)).toEqual(expected);
  });

  it('battery low is low priority and names the device', () => {
    const engine = engineFor();
    expect(raised(engine.deviceStatus('p1', 'oxi-7', { battery: 12 }, T0))[0]).toMatchObject({
      priority: 'low',
      readingType: 'device',
      deviceId: 'oxi-7',
      params: { battery: 12, limit: 20 },
    });
  });

  it.each([
    [[4 * MINUTE], []],
    [[6 * MINUTE], ['raise:device_clock_wrong']],
    [[-6 * MINUTE, -3 * MINUTE], ['raise:device_clock_wrong']],
    [
      [-6 * MINUTE, -1 * MINUTE],
      ['raise:device_clock_wrong', 'clear:device_clock_wrong'],
    ],
  ] as [number[], string[]][])('clock offsets %j ms → %j', (offsets, expected) => {
    const engine = engineFor();
    const events = offsets.flatMap((clockOffsetMs, i) => engine.deviceStatus('p1', 'dev-1', { clockOffsetMs }, T0 + i * HOUR));
    expect(summary(events)).toEqual(expected);
  });

  it('one alert per patient while any device is offline; a reading from the device brings it back', () => {
    const engine = engineFor();
    expect(summary(engine.deviceStatus('p1', 'a', { online: false }, T0))).toEqual(['raise:device_offline']);
    expect(summary(engine.deviceStatus('p1', 'b', { online: false }, T0 + MINUTE))).toEqual([]);
    expect(summary(engine.deviceStatus('p1', 'a', { online: true }, T0 + 2 * MINUTE))).toEqual([]);
    expect(summary(engine.ingest([reading('heart_rate', T0 + 3 * MINUTE, 70, { deviceId: 'b' })], T0 + 3 * MINUTE))).toEqual([
      'clear:device_offline',
    ]);
  });

  it('ignores a status older than the last one from that device', () => {
    const engine = engineFor();
    engine.deviceStatus('p1', 'a', { battery: 80 }, T0 + HOUR);
    expect(engine.deviceStatus('p1', 'a', { battery: 5 }, T0)).toEqual([]);
  });
});
