const pad2 = (n: number): string => String(n).padStart(2, '0');

/**
 * ISO 8601 with the device's UTC offset ("2025-03-01T09:30:00.000+05:00"), as a home device with a local clock
 * writes it; protocol v1 refuses times without an offset.
 */
export function formatDeviceTime(epochMs: number, utcOffsetMinutes: number): string {
  const local = new Date(epochMs + utcOffsetMinutes * 60_000).toISOString().slice(0, 23);
  const sign = utcOffsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(utcOffsetMinutes);
  return `${local}${sign}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`;
}
