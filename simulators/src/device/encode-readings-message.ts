import { VITALS, type CanonicalReading, type DeviceReading, type ReadingsMessage } from '@rpm/contracts';
import { formatDeviceTime } from './format-device-time.ts';

/** A measurement as the device puts it on the wire: canonical UCUM unit, local time with offset. */
export function toDeviceReading(reading: CanonicalReading, utcOffsetMinutes: number): DeviceReading {
  const at = formatDeviceTime(reading.at, utcOffsetMinutes);
  const unit = VITALS[reading.type].unit;
  if (reading.type === 'blood_pressure') {
    const { systolic, diastolic, pulse } = reading;
    return { type: reading.type, at, unit, systolic, diastolic, ...(pulse === undefined ? {} : { pulse }) };
  }
  if (reading.type === 'spo2') {
    return {
      type: reading.type,
      at,
      unit,
      value: reading.value,
      ...(reading.onOxygen === undefined ? {} : { onOxygen: reading.onOxygen }),
    };
  }
  return { type: reading.type, at, unit, value: reading.value };
}

/** The payload of `rpm/v1/devices/{id}/readings` (protocol v1). Encoded once, so a resend is byte-identical. */
export function encodeReadingsMessage(seq: number, readings: readonly CanonicalReading[], utcOffsetMinutes: number): string {
  const message: ReadingsMessage = { seq, readings: readings.map((r) => toDeviceReading(r, utcOffsetMinutes)) };
  return JSON.stringify(message);
}
