import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { generate, parser, type IPublishPacket, type Packet } from 'mqtt-packet';
import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '../../testing/start-test-broker.ts';
import { DeviceMqttClient, type DeviceMqttOptions } from './device-mqtt-client.ts';

/**
 * The wire behaviour of the lean device client, against a scripted MQTT server that records every packet and
 * answers as told (aedes hides the DUP flag, the packet ids and PINGREQs a device sends).
 */
interface ScriptedBroker {
  readonly url: string;
  /** packets received, per connection, in order */
  readonly connections: Packet[][];
  connackCode: number;
  /** answer PUBLISH with PUBACK */
  acknowledge: boolean;
  /** answer PINGREQ with PINGRESP */
  answerPings: boolean;
  /** drop every open connection without a word */
  dropAll(): void;
  close(): Promise<void>;
}

async function scriptedBroker(): Promise<ScriptedBroker> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    const packets: Packet[] = [];
    broker.connections.push(packets);
    const p = parser({ protocolVersion: 4 });
    p.on('packet', (packet) => {
      packets.push(packet);
      if (packet.cmd === 'connect') socket.write(generate({ cmd: 'connack', returnCode: broker.connackCode, sessionPresent: true }));
      if (packet.cmd === 'publish' && broker.acknowledge) socket.write(generate({ cmd: 'puback', messageId: packet.messageId ?? 0 }));
      if (packet.cmd === 'pingreq' && broker.answerPings) socket.write(generate({ cmd: 'pingresp' }));
    });
    socket.on('data', (chunk: Buffer) => p.parse(chunk));
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const broker: ScriptedBroker = {
    url: `mqtt://127.0.0.1:${port}`,
    connections: [],
    connackCode: 0,
    acknowledge: true,
    answerPings: true,
    dropAll: () => {
      for (const socket of sockets) socket.destroy();
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return broker;
}

interface Recorded {
  connects: number;
  closes: number;
  errors: string[];
}

let cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

async function setUp(
  overrides: Partial<DeviceMqttOptions> = {},
): Promise<{ broker: ScriptedBroker; client: DeviceMqttClient; seen: Recorded }> {
  const broker = await scriptedBroker();
  const seen: Recorded = { connects: 0, closes: 0, errors: [] };
  const client = new DeviceMqttClient(
    {
      url: broker.url,
      clientId: 'dev-lean-1',
      username: 'dev-lean-1',
      password: 'secret-lean-1',
      keepaliveS: 30,
      connectTimeoutMs: 2_000,
      will: { topic: 'rpm/v1/devices/dev-lean-1/status', payload: '{"online":false}' },
      ...overrides,
    },
    {
      onConnect: () => seen.connects++,
      onClose: () => seen.closes++,
      onError: (error) => seen.errors.push(error.message),
    },
  );
  cleanups.push(async () => {
    await client.end(1_000);
    await broker.close();
  });
  return { broker, client, seen };
}

const publishes = (packets: readonly Packet[] | undefined): IPublishPacket[] =>
  (packets ?? []).filter((p): p is IPublishPacket => p.cmd === 'publish');

describe('DeviceMqttClient on the wire', () => {
  it('connects as MQTT 3.1.1 with a persistent session, its credentials and a QoS 1 will that is not retained', async () => {
    const { broker, client, seen } = await setUp();
    client.connect();
    await waitFor(() => seen.connects === 1, 'CONNACK');
    expect(client.connected).toBe(true);
    expect(broker.connections[0]?.[0]).toMatchObject({
      cmd: 'connect',
      protocolVersion: 4,
      clientId: 'dev-lean-1',
      username: 'dev-lean-1',
      clean: false,
      keepalive: 30,
      will: { topic: 'rpm/v1/devices/dev-lean-1/status', qos: 1, retain: false },
    });
    const connect = broker.connections[0]?.[0];
    expect(connect?.cmd === 'connect' ? connect.password?.toString() : undefined).toBe('secret-lean-1');
  });

  it('calls back on PUBACK only, and resends what was unacknowledged after a reconnect with DUP and the same packet id', async () => {
    const { broker, client, seen } = await setUp();
    client.connect();
    await waitFor(() => seen.connects === 1, 'CONNACK');
    broker.acknowledge = false;
    const done: (string | undefined)[] = [];
    client.publish('rpm/v1/devices/dev-lean-1/readings', 'first', (error) => done.push(error?.message));
    client.publish('rpm/v1/devices/dev-lean-1/readings', 'second', (error) => done.push(error?.message));
    await waitFor(() => publishes(broker.connections[0]).length === 2, 'two PUBLISH');
    expect(done).toEqual([]);
    expect(client.pending).toBe(2);

    broker.dropAll();
    await waitFor(() => seen.closes === 1, 'the connection to drop');
    expect(done).toEqual([]); // a lost connection is not a failure: the packets wait for the next one
    broker.acknowledge = true;
    client.connect();
    await waitFor(() => done.length === 2, 'both PUBACKs on the new connection');

    const [before, after] = [publishes(broker.connections[0]), publishes(broker.connections[1])];
    expect(after.map((p) => [p.payload.toString(), p.messageId, p.dup, p.qos])).toEqual(
      before.map((p) => [p.payload.toString(), p.messageId, true, 1]),
    );
    expect(done).toEqual([undefined, undefined]);
    expect(client.pending).toBe(0);
  });

  it('sends a message published while disconnected once connected, without DUP (it was never sent)', async () => {
    const { broker, client, seen } = await setUp();
    const done: (string | undefined)[] = [];
    client.publish('rpm/v1/devices/dev-lean-1/readings', 'queued', (error) => done.push(error?.message));
    client.connect();
    await waitFor(() => done.length === 1, 'its PUBACK');
    expect(seen.connects).toBe(1);
    expect(publishes(broker.connections[0]).map((p) => [p.payload.toString(), p.dup])).toEqual([['queued', false]]);
  });

  it('reports a refused CONNACK by its reason and closes', async () => {
    const { broker, client, seen } = await setUp();
    broker.connackCode = 5;
    client.connect();
    await waitFor(() => seen.closes === 1, 'the refused connection to close');
    expect(seen.connects).toBe(0);
    expect(seen.errors).toEqual(['connection refused: not authorized']);
    expect(client.connected).toBe(false);
  });

  it('sends PINGREQ when idle for a keepalive, and drops a connection whose PINGRESP does not come', async () => {
    const { broker, client, seen } = await setUp({ keepaliveS: 1 });
    client.connect();
    await waitFor(() => seen.connects === 1, 'CONNACK');
    await waitFor(() => (broker.connections[0] ?? []).some((p) => p.cmd === 'pingreq'), 'a PINGREQ', 3_000);
    expect(client.connected).toBe(true);

    broker.answerPings = false;
    await waitFor(() => seen.closes === 1, 'the dead connection to be dropped', 5_000);
    expect(seen.errors).toContain('keepalive timeout');
  });

  it('ends with DISCONNECT and fails what still awaits PUBACK, so the device keeps it in its outbox', async () => {
    const { broker, client, seen } = await setUp();
    client.connect();
    await waitFor(() => seen.connects === 1, 'CONNACK');
    broker.acknowledge = false;
    const done: (string | undefined)[] = [];
    client.publish('rpm/v1/devices/dev-lean-1/readings', 'unacknowledged', (error) => done.push(error?.message));
    await waitFor(() => publishes(broker.connections[0]).length === 1, 'the PUBLISH');
    await client.end(1_000);
    expect(done).toEqual(['client disconnected']);
    await waitFor(() => (broker.connections[0] ?? []).some((p) => p.cmd === 'disconnect'), 'DISCONNECT');
  });

  it('gives up on a server that never answers CONNECT after the connect timeout', async () => {
    // a TCP server that accepts the connection and says nothing
    const accepted: Socket[] = [];
    const silent = createServer((socket) => accepted.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    cleanups.push(async () => {
      for (const socket of accepted) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    });
    const { client, seen } = await setUp({ url: `mqtt://127.0.0.1:${(silent.address() as AddressInfo).port}`, connectTimeoutMs: 300 });
    client.connect();
    await waitFor(() => seen.closes === 1, 'the connect timeout', 3_000);
    expect(seen.errors).toEqual(['connack timeout']);
    expect(seen.connects).toBe(0);
  });
});
