import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { connect, type Socket } from 'node:net';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { PROTOCOL_LIMITS } from '@rpm/contracts';
import { eventually } from '../../../harness/eventually.ts';
import { freePort } from '../../../harness/free-port.ts';
import { DISCONNECT, encodeConnect, encodePuback, encodeSubscribe, PACKET, PacketReader, readPublish } from '../load/mqtt-codec.ts';

export interface MosquittoRelay {
  readonly port: number;
  readonly pid: number;
  /** QoS 1 messages the subscriber has received so far */
  received(): number;
  stop(): Promise<void>;
}

/**
 * mosquitto.conf of the raw-broker baseline: anonymous (no per-device passwords to hash or check, so it is the
 * broker's ceiling), no persistence (the relay itself, not disk), and the queue and in-flight bounds raised: with
 * mosquitto's defaults (max_inflight_messages 20, max_queued_messages 1000) it drops acknowledged QoS 1 messages
 * once the subscriber falls behind (ARCHITECTURE §8), which would flatter its rate.
 */
export function relayConf(port: number): string {
  return [
    `listener ${port} 127.0.0.1`,
    // started as root, mosquitto would switch to the `mosquitto` user, which cannot read the runner's directory
    `user ${userInfo().username}`,
    'allow_anonymous true',
    'persistence false',
    'max_queued_messages 0',
    'max_queued_bytes 0',
    'max_inflight_messages 1000',
    `max_packet_size ${PROTOCOL_LIMITS.maxPacketBytes + 1024}`,
    'log_dest stderr',
    'log_type error',
    'log_type warning',
    '',
  ].join('\n');
}

/** Debian's mosquitto with one QoS 1 subscriber to every device's readings (this process), counting what arrives. */
export async function startMosquittoRelay(workDir: string, binary = '/usr/sbin/mosquitto'): Promise<MosquittoRelay> {
  const dir = join(workDir, 'mosquitto');
  await mkdir(dir, { recursive: true });
  const port = await freePort();
  await writeFile(join(dir, 'mosquitto.conf'), relayConf(port));
  const child: ChildProcess = spawn(binary, ['-c', join(dir, 'mosquitto.conf')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr?.on('data', (d: Buffer) => (log = (log + d.toString()).slice(-4000)));
  const stopBroker = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };
  try {
    const subscriber = await eventually(
      async () => {
        if (child.exitCode !== null) throw new Error(`mosquitto exited: ${log}`);
        return subscribe(port).catch(() => undefined);
      },
      15_000,
      'mosquitto to accept the subscriber',
    );
    return {
      port,
      pid: child.pid ?? 0,
      received: () => subscriber.count,
      async stop() {
        subscriber.socket.end(DISCONNECT);
        subscriber.socket.destroy();
        await stopBroker();
      },
    };
  } catch (error) {
    await stopBroker();
    throw error;
  }
}

/** One clean-session QoS 1 subscription to `rpm/v1/devices/+/readings`; PUBACKs are written once per chunk read. */
function subscribe(port: number): Promise<{ socket: Socket; count: number }> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port, noDelay: true });
    const state = { socket, count: 0 };
    const reader = new PacketReader();
    socket.on('connect', () => socket.write(encodeConnect({ clientId: 'bench-relay-subscriber', clean: true })));
    socket.on('error', reject);
    socket.on('data', (chunk: Buffer) => {
      const acks: Buffer[] = [];
      reader.push(chunk, (p) => {
        if (p.type === PACKET.connack) socket.write(encodeSubscribe(1, 'rpm/v1/devices/+/readings'));
        else if (p.type === PACKET.suback) resolve(state);
        else if (p.type === PACKET.publish) {
          state.count++;
          const { packetId } = readPublish(p);
          if (packetId !== 0) acks.push(encodePuback(packetId));
        }
      });
      if (acks.length > 0) socket.write(Buffer.concat(acks));
    });
  });
}
