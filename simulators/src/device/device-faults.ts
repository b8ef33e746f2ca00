/**
 * Faults a fleet can give a device, each asked at every tick (so they can follow a simulated clock). All optional:
 * a device without faults behaves as before.
 */
export interface DeviceFaults {
  /** false while the device has no network: it drops the connection without DISCONNECT (the broker publishes its will) */
  linkUp?(): boolean;
  /** while the link is down, hold readings and upload them as one message when it is back (a phone app's sync) */
  readonly storeAndForward?: boolean;
  /** battery charge to report, percent (replaces the default slow drain) */
  batteryPercent?(): number;
  /** true: publish this message a second time, same seq and bytes, after its PUBACK (a retrying app) */
  duplicate?(seq: number): boolean;
  /** a malformed payload to send instead of this message (faulty firmware), or undefined to send it as it is */
  corrupt?(seq: number, payload: string): string | undefined;
}

/**
 * What faulty firmware sends: each is refused by the gateway under a stable rejection code (contracts
 * REJECTION_REASONS) and must never become a reading or an alert.
 */
export function malformedPayload(seq: number, payload: string): string {
  switch (seq % 4) {
    case 0:
      return payload.slice(0, Math.max(1, Math.floor(payload.length / 2))); // PAYLOAD_NOT_JSON: truncated write
    case 1:
      return payload.replace(/([+-]\d\d:\d\d)"/g, '"'); // TIME_INVALID: local time without its offset
    case 2:
      return payload.replace(/"unit":"[^"]*"/g, '"unit":"furlongs"'); // UNIT_UNSUPPORTED
    default:
      return JSON.stringify({ sequence: seq, data: payload }); // MESSAGE_INVALID: wrong envelope
  }
}

/** Illustrative battery drain: 1% per 20 minutes of running, never below 5%. */
const BATTERY_DRAIN_MS_PER_PERCENT = 20 * 60_000;
const BATTERY_FLOOR_PERCENT = 5;

/** The battery charge a device reports: the battery fault's value, or a slow drain from its charge at start. */
export function batteryPercent(startPercent: number, runningMs: number, faults: DeviceFaults | undefined): number {
  const faulty = faults?.batteryPercent?.();
  if (faulty !== undefined) return Math.round(Math.max(0, Math.min(100, faulty)));
  const drained = Math.floor(runningMs / BATTERY_DRAIN_MS_PER_PERCENT);
  return Math.max(BATTERY_FLOOR_PERCENT, Math.min(100, startPercent - drained));
}
