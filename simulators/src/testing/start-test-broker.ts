import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { Aedes, type Client } from 'aedes';
import { parseDeviceTopic } from '@rpm/contracts';

/** For integration tests only: a real MQTT broker (aedes) that checks device credentials and records what arrives. */
export interface ReceivedPublish {
  readonly deviceId: string;
  readonly kind: 'readings' | 'status';
  readonly payload: string;
  /** parsed seq of a readings message; undefined when malformed */
  readonly seq: number | undefined;
}

export interface TestBroker {
  readonly port: number;
  readonly url: string;
  /** every PUBLISH from a device, in arrival order (the will included) */
  readonly received: ReceivedPublish[];
  /** readings messages the broker acknowledged (PUBACK sent) */
  readonly acknowledged: ReceivedPublish[];
  /** readings messages held without PUBACK while `holdReadings` was true */
  readonly held: ReceivedPublish[];
  /** when true, readings are received but never acknowledged (a stalled gateway) */
  holdReadings: boolean;
  /** closes a device's connection from the broker's side, without DISCONNECT (so its will is published) */
  kick(deviceId: string): void;
  close(): Promise<void>;
}

export async function startTestBroker(options: {
  /** device id → secret; undefined: every client is let in (scale benchmarks) */
  readonly credentials?: ReadonlyMap<string, string>;
  readonly port?: number;
}): Promise<TestBroker> {
  const clients = new Map<string, Client>();
  const broker = await Aedes.createBroker({
    authenticate: (client, username, password, done) => {
      const ok =
        options.credentials === undefined ||
        (username === client.id && password !== undefined && options.credentials.get(client.id) === password.toString('utf8'));
      if (!ok) {
        done(null, false); // aedes answers CONNACK 5, not authorized (MQTT 3.1.1 §3.2.2.3)
        return;
      }
      clients.set(client.id, client);
      done(null, true);
    },
    authorizePublish: (client, packet, callback) => {
      const topic = parseDeviceTopic(packet.topic);
      if (client === null || topic === undefined || topic.deviceId !== client.id || topic.kind === 'commands') {
        callback(new Error('not your topic'));
        return;
      }
      const payload = packet.payload.toString();
      const seq = topic.kind === 'readings' ? seqOf(payload) : undefined;
      const message: ReceivedPublish = { deviceId: client.id, kind: topic.kind, payload, seq };
      test.received.push(message);
      if (topic.kind === 'readings' && test.holdReadings) {
        test.held.push(message); // no callback: aedes sends no PUBACK
        return;
      }
      if (topic.kind === 'readings') test.acknowledged.push(message);
      callback(null);
    },
  });
  const sockets = new Set<Socket>();
  const server: Server = createServer(broker.handle);
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const test: TestBroker = {
    port,
    url: `mqtt://127.0.0.1:${port}`,
    received: [],
    acknowledged: [],
    held: [],
    holdReadings: false,
    kick: (deviceId) => clients.get(deviceId)?.close(),
    close: async () => {
      await new Promise<void>((resolve) => broker.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return test;
}

/** The seq of a readings payload; undefined for a malformed one (faulty-firmware tests send those on purpose). */
function seqOf(payload: string): number | undefined {
  try {
    const seq = (JSON.parse(payload) as { seq?: unknown }).seq;
    return typeof seq === 'number' ? seq : undefined;
  } catch {
    return undefined;
  }
}

/** Polls until the condition holds; fails with `what` after the timeout. */
export async function waitFor(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
