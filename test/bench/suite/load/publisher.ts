// The load generator of the ingest benchmark, run as its own process (so its CPU is neither the platform's nor
// the runner's, and is measured): one MQTT connection per device, QoS 1, a bounded in-flight window per device,
// messages numbered by seq in the device protocol v1 readings format. Used unchanged against the platform's
// gateway and against mosquitto (the raw-broker baseline).
//
//   node test/bench/suite/load/publisher.ts <config.json>      (PublisherConfig; one JSON line per event on stdout)
import { readFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import process from 'node:process';
import { deviceTopics, VITALS } from '@rpm/contracts';
import { encodeConnect, encodePublishQos1, encodeTopic, PACKET, PacketReader } from './mqtt-codec.ts';
import type { PublisherConfig, PublisherDeviceResult, PublisherLine, PublisherResult } from './publisher-config.ts';

interface DeviceState {
  readonly id: string;
  readonly startSeq: number;
  readonly topic: Buffer;
  readonly socket: Socket;
  /** packet id → seq of the messages awaiting PUBACK */
  readonly inFlight: Map<number, number>;
  nextSeq: number;
  nextPacketId: number;
  open: boolean;
}

const config = JSON.parse(readFileSync(process.argv[2] ?? '', 'utf8')) as PublisherConfig;
const emit = (line: PublisherLine): void => void process.stdout.write(`${JSON.stringify(line)}\n`);
const HR_UNIT = VITALS.heart_rate.unit;
const SPO2_UNIT = VITALS.spo2.unit;

let acked = 0;
let ackedInWindow = 0;
let publishing = false;
/** set when the publisher closes the connections itself */
let finished = false;
let windowStart = Number.POSITIVE_INFINITY;
let windowEnd = Number.POSITIVE_INFINITY;
let disconnects = 0;
/** open-loop credit: messages allowed now (absent rate = unbounded) */
let credit = config.ratePerSec === undefined ? Number.POSITIVE_INFINITY : 0;
let onSettled: (() => void) | undefined;

/** Heart rate and SpO2 in turn, in normal ranges, so the rules evaluate both without raising alerts at every message. */
function payload(seq: number): Buffer {
  const k = config.readingsPerMessage;
  const readings = new Array<string>(k);
  for (let j = 0; j < k; j++) {
    const n = seq * k + j;
    const at = new Date(config.firstAtMs + n * config.spacingMs).toISOString();
    readings[j] =
      n % 2 === 0
        ? `{"type":"heart_rate","at":"${at}","unit":"${HR_UNIT}","value":${60 + (n % 30)}}`
        : `{"type":"spo2","at":"${at}","unit":"${SPO2_UNIT}","value":${95 + (n % 5)}}`;
  }
  return Buffer.from(`{"seq":${seq},"readings":[${readings.join(',')}]}`);
}

function publishNext(d: DeviceState): boolean {
  if (!publishing || !d.open || d.inFlight.size >= config.window || credit < 1) return false;
  credit--;
  const seq = d.nextSeq++;
  // packet ids 1…65535 [MQTT-2.3.1-1]; the window is far smaller, so an id is never reused while in flight
  const packetId = d.nextPacketId;
  d.nextPacketId = packetId === 65_535 ? 1 : packetId + 1;
  d.inFlight.set(packetId, seq);
  d.socket.write(encodePublishQos1(d.topic, packetId, payload(seq)));
  return true;
}

function fill(d: DeviceState): void {
  while (publishNext(d));
}

function connectDevice(spec: PublisherConfig['devices'][number]): Promise<DeviceState> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: config.host, port: config.port, noDelay: true });
    const d: DeviceState = {
      id: spec.id,
      startSeq: spec.startSeq,
      topic: encodeTopic(deviceTopics.readings(spec.id)),
      socket,
      inFlight: new Map(),
      nextSeq: spec.startSeq,
      nextPacketId: 1,
      open: false,
    };
    const reader = new PacketReader();
    socket.on('data', (chunk: Buffer) =>
      reader.push(chunk, (p) => {
        if (p.type === PACKET.connack) {
          const code = p.body[1] ?? 255;
          if (code !== 0) {
            reject(new Error(`device ${spec.id} refused: CONNACK return code ${code}`));
            return;
          }
          d.open = true;
          resolve(d);
        } else if (p.type === PACKET.puback) {
          const id = p.body.readUInt16BE(0);
          if (!d.inFlight.delete(id)) return;
          acked++;
          const now = Date.now();
          if (now >= windowStart && now < windowEnd) ackedInWindow++;
          fill(d);
          if (!publishing && onSettled !== undefined && d.inFlight.size === 0) onSettled();
        }
      }),
    );
    socket.on('error', (error) => {
      if (!d.open) reject(error);
    });
    socket.on('close', () => {
      if (d.open && !finished) disconnects++;
      d.open = false;
      onSettled?.();
    });
    socket.on('connect', () =>
      socket.write(
        encodeConnect({ clientId: spec.id, username: spec.secret === undefined ? undefined : spec.id, password: spec.secret, clean: true }),
      ),
    );
  });
}

async function connectAll(): Promise<DeviceState[]> {
  const out: DeviceState[] = [];
  const batch = Math.max(1, Math.round(config.connectsPerSec / 10));
  for (let i = 0; i < config.devices.length; i += batch) {
    const started = Date.now();
    out.push(...(await Promise.all(config.devices.slice(i, i + batch).map(connectDevice))));
    const pause = 100 - (Date.now() - started);
    if (pause > 0) await new Promise((r) => setTimeout(r, pause));
  }
  return out;
}

async function main(): Promise<void> {
  const devices = await connectAll();
  const startedAt = Date.now();
  windowStart = startedAt + config.warmupMs;
  windowEnd = startedAt + config.durationMs;
  publishing = true;
  emit({ event: 'started', at: startedAt });

  let ticker: NodeJS.Timeout | undefined;
  if (config.ratePerSec !== undefined) {
    // open loop: credit by elapsed time (timers fire late on a busy machine; counting ticks would lower the rate),
    // at most 50 ms of it banked, handed out round-robin from a rotating start so no device is favoured
    const rate = config.ratePerSec;
    let last = performance.now();
    let offset = 0;
    ticker = setInterval(() => {
      const now = performance.now();
      credit = Math.min(credit + (rate * (now - last)) / 1000, Math.max(1, rate * 0.05));
      last = now;
      let sent = true;
      while (credit >= 1 && sent) {
        sent = false;
        for (let i = 0; i < devices.length && credit >= 1; i++) {
          const d = devices[(offset + i) % devices.length];
          if (d !== undefined && publishNext(d)) sent = true;
        }
      }
      offset = (offset + 1) % Math.max(1, devices.length);
    }, 5);
  } else {
    for (const d of devices) fill(d);
  }

  await new Promise((r) => setTimeout(r, config.warmupMs));
  const cpuAtWindowStart = process.cpuUsage();
  await new Promise((r) => setTimeout(r, config.durationMs - config.warmupMs));
  const cpu = process.cpuUsage(cpuAtWindowStart);
  publishing = false;
  if (ticker !== undefined) clearInterval(ticker);

  // let the last messages be acknowledged (a device keeps them until PUBACK)
  const settled = (): boolean => devices.every((d) => d.inFlight.size === 0 || !d.open);
  if (!settled()) {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, config.settleTimeoutMs);
      onSettled = () => {
        if (settled()) {
          clearTimeout(timer);
          resolve();
        }
      };
    });
  }
  const perDevice: PublisherDeviceResult[] = devices.map((d) => ({
    id: d.id,
    startSeq: d.startSeq,
    nextSeq: d.nextSeq,
    unacked: [...d.inFlight.values()].sort((a, b) => a - b),
  }));
  const result: PublisherResult = {
    devices: perDevice,
    startedAt,
    acked,
    ackedInWindow,
    windowMs: config.durationMs - config.warmupMs,
    cpuMsInWindow: (cpu.user + cpu.system) / 1000,
    disconnects,
  };
  finished = true;
  for (const d of devices) d.socket.destroy();
  emit({ event: 'result', result });
}

await main();
