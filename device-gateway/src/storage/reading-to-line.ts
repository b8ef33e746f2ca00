import type { AcceptedReading } from '@rpm/contracts';
import { VITALS_MEASUREMENT } from './vitals-measurement.ts';

/** Line-protocol tag value: comma, equals sign and space are escaped (InfluxDB line protocol reference, "Special characters"). */
function tagValue(value: string): string {
  return /[,= \n]/.test(value) ? value.replace(/[,= ]/g, '\\$&').replace(/\n/g, '\\n') : value;
}

/**
 * A reading as one line of InfluxDB line protocol, byte for byte what `readingToPoint(accepted).toLineProtocol()`
 * gives (tags and fields in key order, floats without a suffix, integers with `i`, ms timestamp), built as one
 * string: the drainer's profile showed the library's Point objects and their conversion at ~6% of the platform's
 * CPU under ingest load, for a format this small.
 */
export function readingToLine(accepted: AcceptedReading): string {
  const r = accepted.reading;
  const tags = `${VITALS_MEASUREMENT},device_id=${tagValue(accepted.deviceId)},patient_id=${tagValue(accepted.patientId)},type=${r.type}`;
  const meta = `received_at=${accepted.receivedAt}i,seq=${accepted.seq}i`;
  if (r.type === 'blood_pressure') {
    const pulse = r.pulse === undefined ? '' : `,pulse=${r.pulse}`;
    return `${tags} diastolic=${r.diastolic}${pulse},${meta},systolic=${r.systolic} ${r.at}`;
  }
  const oxygen = r.type === 'spo2' && r.onOxygen !== undefined ? `on_oxygen=${r.onOxygen ? 'T' : 'F'},` : '';
  return `${tags} ${oxygen}${meta},value=${r.value} ${r.at}`;
}
