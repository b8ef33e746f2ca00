// What the benchmark process and its load-generator children (load-process.ts) say to each other: the child reads
// its configuration from a JSON file (argv[2]) and commands as JSON lines on stdin, and writes stats as JSON lines
// on stdout.

export interface LoadDevice {
  readonly deviceId: string;
  readonly secret: string;
}

export interface LoadConfig {
  readonly port: number;
  /** local addresses to connect from in turn (127.0.0.x): one address has only ~28k ephemeral ports */
  readonly sourceAddresses: readonly string[];
  readonly devices: readonly LoadDevice[];
  /** connection attempts per second (the gateway accepts ~1.2k/s, ARCHITECTURE §8) */
  readonly connectsPerSec: number;
  /** QoS 1 messages a device may have unacknowledged at once */
  readonly inflightPerDevice: number;
  /** backlog mode: readings each device holds, sent as messages of `readingsPerMessage` */
  readonly backlog?: { readonly startAt: number; readonly tickMs: number; readonly ticks: number; readonly readingsPerMessage: number };
}

export type LoadCommand =
  /** publish `msgPerSec` messages per second in total, round-robin over the connected devices (0 = stop) */
  | { readonly cmd: 'rate'; readonly msgPerSec: number }
  /** publish as fast as acknowledgements allow (`inflightPerDevice` per device) */
  | { readonly cmd: 'saturate' }
  /** every device uploads its backlog, then stays connected */
  | { readonly cmd: 'backlog' }
  /** publish `perDevicePerMin` message per device per minute (spread evenly) */
  | { readonly cmd: 'trickle'; readonly perDevicePerMin: number };

export interface LoadStats {
  readonly connected: number;
  readonly connectFailures: number;
  readonly published: number;
  readonly acked: number;
  readonly readingsAcked: number;
  /** messages published and not yet acknowledged on the live connections */
  readonly inflight: number;
  /** devices whose whole backlog is acknowledged */
  readonly backlogDone: number;
  /** CPU this load process used since it started, ms */
  readonly cpuUserMs: number;
  readonly cpuSystemMs: number;
  /** wall time since the process started, ms (with the CPU times: the share of a core it used) */
  readonly uptimeMs: number;
}
