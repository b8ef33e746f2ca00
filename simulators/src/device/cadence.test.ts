import { describe, expect, it } from 'vitest';
import { VITAL_TYPES } from '@rpm/contracts';
import { DEFAULT_CADENCE, resolveCadence, typesDue } from './cadence.ts';

describe('typesDue', () => {
  it('measures every type on the first tick', () => {
    expect(typesDue(DEFAULT_CADENCE, 0)).toEqual([...VITAL_TYPES]);
  });

  it('measures heart rate and SpO2 every tick, the others less often', () => {
    expect(typesDue(DEFAULT_CADENCE, 1)).toEqual(['heart_rate', 'spo2']);
    expect(typesDue(DEFAULT_CADENCE, 3)).toEqual(['heart_rate', 'spo2', 'respiratory_rate']);
    expect(typesDue(DEFAULT_CADENCE, 12)).toEqual(['heart_rate', 'spo2', 'respiratory_rate', 'body_temperature']);
  });

  it('never measures a type with cadence 0', () => {
    const cadence = resolveCadence({ blood_glucose: 0, body_weight: 0 });
    for (let tick = 0; tick < 1000; tick++) expect(typesDue(cadence, tick)).not.toContain('blood_glucose');
  });
});
