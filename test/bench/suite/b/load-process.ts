// A load-generator child process (spawned by load-fleet.ts): raw MQTT 3.1.1 over TCP with the hand-written codec of
// ../load/mqtt-codec.ts, because mqtt.js spends tens of µs of CPU per message and the load generator must not be the
// bottleneck being measured. Configuration: a JSON file (argv[2], LoadConfig); commands: JSON lines on stdin;
// stats: a JSON line on stdout every second. Closing stdin ends it.
import { readFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import process from 'node:process';
import { createInterface } from 'node:readline';
import { deviceTopics } from '@rpm/contracts';
import { encodeConnect, encodePublishQos1, encodeTopic, PacketReader, PACKET } from '../load/mqtt-codec.ts';
import { BacklogCursor } from './backlog-readings.ts';
import type { LoadCommand, LoadConfig, LoadDevice, LoadStats } from './load-protocol.ts';

const config = JSON.parse(readFileSync(process.argv[2] ?? '', 'utf8')) as LoadConfig;

class DeviceConnection {
  readonly device: LoadDevice;
  readonly topic: Buffer;
  socket: Socket | undefined;
  connected = false;
  /** packet id → readings in that message */
  readonly inflight = new Map<number, number>();
  private nextPacketId = 1;
  seq = 0;
  backlog: BacklogCursor | undefined;

  constructor(device: LoadDevice) {
    this.device = device;
    this.topic = encodeTopic(deviceTopics.readings(device.deviceId));
  }

  publish(payload: string, readings: number): void {
    if (this.socket === undefined) return;
    const id = this.nextPacketId;
    this.nextPacketId = id === 65_535 ? 1 : id + 1;
    this.inflight.set(id, readings);
    stats.published++;
    this.socket.write(encodePublishQos1(this.topic, id, Buffer.from(payload)));
  }

  /** one live heart-rate reading measured now */
  publishLive(): void {
    const seq = this.seq++;
    this.publish(`{"seq":${seq},"readings":[{"type":"heart_rate","at":"${new Date().toISOString()}","unit":"/min","value":72}]}`, 1);
  }

  /** the next backlog message; false when there is none left */
  publishBacklog(): boolean {
    const readings = this.backlog?.next();
    if (readings === undefined) return false;
    this.publish(JSON.stringify({ seq: this.seq++, readings }), readings.length);
    return true;
  }
}

const stats = { connected: 0, connectFailures: 0, published: 0, acked: 0, readingsAcked: 0, backlogDone: 0 };
const connections = config.devices.map((d) => new DeviceConnection(d));
let mode: LoadCommand = { cmd: 'rate', msgPerSec: 0 };
let stopping = false;

function pump(c: DeviceConnection): void {
  if (!c.connected) return;
  if (mode.cmd === 'saturate') while (c.inflight.size < config.inflightPerDevice) c.publishLive();
  if (mode.cmd === 'backlog' && c.backlog !== undefined) {
    while (c.inflight.size < config.inflightPerDevice && c.publishBacklog());
    if (c.inflight.size === 0) {
      c.backlog = undefined;
      stats.backlogDone++;
    }
  }
}

function open(c: DeviceConnection, localAddress: string): void {
  const socket = connect({ port: config.port, host: '127.0.0.1', localAddress, noDelay: true });
  c.socket = socket;
  const reader = new PacketReader();
  socket.write(encodeConnect({ clientId: c.device.deviceId, username: c.device.deviceId, password: c.device.secret, clean: true }));
  socket.on('data', (chunk: Buffer) =>
    reader.push(chunk, (p) => {
      if (p.type === PACKET.connack) {
        // [MQTT-3.2.2.3] return code 0 = accepted
        if (p.body[1] === 0) {
          c.connected = true;
          stats.connected++;
          pump(c);
        } else {
          stats.connectFailures++;
          socket.destroy();
        }
      } else if (p.type === PACKET.puback) {
        const id = p.body.readUInt16BE(0);
        const readings = c.inflight.get(id);
        if (readings === undefined) return;
        c.inflight.delete(id);
        stats.acked++;
        stats.readingsAcked += readings;
        pump(c);
      }
    }),
  );
  socket.on('error', () => undefined);
  socket.on('close', () => {
    if (c.connected) stats.connected--;
    else stats.connectFailures++;
    c.connected = false;
    c.socket = undefined;
    c.inflight.clear();
    // like a real device: reconnect after a jittered pause (whatever was in flight is lost to the statistics, and
    // counted as such: published but never acknowledged)
    if (!stopping) setTimeout(() => open(c, localAddress), 1_000 + Math.random() * 2_000);
  });
}

/** Connects every device, `connectsPerSec` at a time, from the source addresses in turn. */
function connectAll(): void {
  let next = 0;
  const perTick = Math.max(1, Math.round(config.connectsPerSec / 20));
  const timer = setInterval(() => {
    for (let i = 0; i < perTick && next < connections.length; i++, next++) {
      const c = connections[next];
      const address = config.sourceAddresses[next % config.sourceAddresses.length] ?? '127.0.0.1';
      if (c !== undefined) open(c, address);
    }
    if (next >= connections.length) clearInterval(timer);
  }, 50);
}

// The paced modes: every 10 ms, publish what is due since the mode began.
let pacedStart = performance.now();
let pacedSent = 0;
let cursor = 0;
setInterval(() => {
  let due = 0;
  const elapsedS = (performance.now() - pacedStart) / 1000;
  if (mode.cmd === 'rate') due = Math.floor(mode.msgPerSec * elapsedS) - pacedSent;
  if (mode.cmd === 'trickle') due = Math.floor(((connections.length * mode.perDevicePerMin) / 60) * elapsedS) - pacedSent;
  // a device at its in-flight bound is skipped; a full round without a free device means the platform is behind
  for (let skipped = 0; due > 0 && skipped < connections.length; cursor = (cursor + 1) % connections.length) {
    const c = connections[cursor];
    if (c === undefined || !c.connected || c.inflight.size >= config.inflightPerDevice) {
      skipped++;
      continue;
    }
    skipped = 0;
    c.publishLive();
    pacedSent++;
    due--;
  }
}, 10);

function command(cmd: LoadCommand): void {
  mode = cmd;
  pacedStart = performance.now();
  pacedSent = 0;
  if (cmd.cmd === 'backlog') {
    const b = config.backlog;
    if (b === undefined) throw new Error('backlog command without a backlog in the configuration');
    for (const c of connections) c.backlog = new BacklogCursor(b);
  }
  for (const c of connections) pump(c);
}

function report(): void {
  const cpu = process.cpuUsage();
  let inflight = 0;
  for (const c of connections) inflight += c.inflight.size;
  const line: LoadStats = {
    ...stats,
    inflight,
    cpuUserMs: cpu.user / 1000,
    cpuSystemMs: cpu.system / 1000,
    uptimeMs: process.uptime() * 1000,
  };
  process.stdout.write(`${JSON.stringify(line)}\n`);
}
setInterval(report, 1000);

createInterface({ input: process.stdin })
  .on('line', (line) => command(JSON.parse(line) as LoadCommand))
  .on('close', () => {
    stopping = true;
    report();
    for (const c of connections) c.socket?.destroy();
    process.exit(0);
  });

connectAll();
