import type { AcceptedReading, CanonicalReading, VitalPoint } from '@rpm/contracts';
import type { VitalsReader } from '../readings/vitals-reader.ts';

/** Most readings replayed per patient at start: a week of frequent SpO2 and pulse stays well inside it. */
const HISTORY_LIMIT = 20_000;

/** A patient's stored readings in [from, to], as the rules receive readings (measurement order). */
export async function historyOf(vitals: VitalsReader, patientId: string, from: number, to: number): Promise<AcceptedReading[]> {
  const points = await vitals.query({ patientId, from, to, limit: HISTORY_LIMIT });
  const readings: AcceptedReading[] = [];
  for (const p of points) {
    const reading = toCanonical(p);
    if (reading === undefined) continue;
    readings.push({
      deviceId: p.deviceId,
      patientId,
      seq: 0,
      receivedAt: p.receivedAt === undefined ? Date.parse(p.at) : Date.parse(p.receivedAt),
      reading,
    });
  }
  return readings;
}

function toCanonical(p: VitalPoint): CanonicalReading | undefined {
  const at = Date.parse(p.at);
  if (p.type === 'blood_pressure') {
    if (p.systolic === undefined || p.diastolic === undefined) return undefined;
    return { type: 'blood_pressure', at, systolic: p.systolic, diastolic: p.diastolic };
  }
  if (p.value === undefined) return undefined;
  return p.onOxygen === undefined ? { type: p.type, at, value: p.value } : { type: p.type, at, value: p.value, onOxygen: p.onOxygen };
}
