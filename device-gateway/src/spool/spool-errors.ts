/** The spool is at its size bound: the gateway stops acknowledging until the drainer frees space. */
export class SpoolFullError extends Error {
  readonly code = 'GW_SPOOL_FULL';
  constructor(bytes: number, maxBytes: number) {
    super(`spool full: ${bytes} of ${maxBytes} bytes used; not acknowledging until InfluxDB catches up`);
  }
}
