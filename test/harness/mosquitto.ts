import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { PROTOCOL_LIMITS } from '@rpm/contracts';
import { eventually } from './eventually.ts';
import { freePort } from './free-port.ts';

export interface MosquittoCredentials {
  readonly username: string;
  readonly password: string;
}

export interface MosquittoOptions {
  readonly devices?: readonly { id: string; secret: string }[];
  /** the gateway's user: may read every device's readings and status */
  readonly gatewayUser: MosquittoCredentials;
  /** mosquitto binary (Debian's is /usr/sbin/mosquitto) */
  readonly binary?: string;
}

export interface TestMosquitto {
  readonly port: number;
  readonly url: string;
  /** provisions a device's credentials (password file rewritten, then SIGHUP); resolves once the device can connect */
  addDevice(id: string, secret: string): Promise<void>;
  /** SIGTERM (mosquitto saves its persistence file), then starts again on the same port, config and data */
  restart(): Promise<void>;
  /** everything mosquitto logged */
  output(): string;
  /** stops mosquitto and deletes its directory */
  stop(): Promise<void>;
}

/**
 * The ACL of external-broker mode (docs/external-broker.md): a device writes only its own readings and status and
 * reads only its own commands (`%u` is the username = the device id); the gateway reads every device's readings and
 * status. mosquitto checks a `$share/<group>/…` subscription against the filter after the share prefix.
 */
export function mosquittoAcl(gatewayUser: string): string {
  return [
    'pattern write rpm/v1/devices/%u/readings',
    'pattern write rpm/v1/devices/%u/status',
    'pattern read rpm/v1/devices/%u/commands',
    '',
    `user ${gatewayUser}`,
    'topic read rpm/v1/devices/+/readings',
    'topic read rpm/v1/devices/+/status',
    '',
  ].join('\n');
}

/**
 * mosquitto.conf for external-broker mode. mosquitto's defaults (max_inflight_messages 20, max_queued_messages 1000)
 * silently drop QoS 1 messages it has already acknowledged to the device once a subscriber falls behind
 * (ARCHITECTURE §8); the queue here is unbounded and persisted.
 */
export function mosquittoConf(dir: string, port: number): string {
  return [
    `listener ${port} 127.0.0.1`,
    // started as root, mosquitto drops to the `mosquitto` user, which cannot read this private directory: stay the
    // user that started it (ignored when not root)
    `user ${userInfo().username}`,
    'allow_anonymous false',
    `password_file ${join(dir, 'passwd')}`,
    `acl_file ${join(dir, 'acl')}`,
    // never drop a queued QoS 1 message for a subscriber that is slow or away (0 = no bound)
    'max_queued_messages 0',
    'max_queued_bytes 0',
    'queue_qos0_messages false',
    // unacknowledged messages in flight per subscriber connection; more only fills mqtt.js's input buffer
    'max_inflight_messages 100',
    // sessions and queued messages survive a broker restart (written at exit and every autosave_interval)
    'persistence true',
    `persistence_location ${join(dir, 'data')}/`,
    'autosave_interval 10',
    // retained device publishes are refused: the publishing client is disconnected
    'retain_available false',
    `max_packet_size ${PROTOCOL_LIMITS.maxPacketBytes + 1024}`,
    'log_dest stderr',
    'log_type error',
    'log_type warning',
    'log_type notice',
    '',
  ].join('\n');
}

/** A private mosquitto (Debian's 2.0.11) on a free loopback port, with per-device credentials and the ACL above. */
export async function startMosquitto(options: MosquittoOptions): Promise<TestMosquitto> {
  const binary = options.binary ?? '/usr/sbin/mosquitto';
  const dir = await mkdtemp(join(tmpdir(), 'rpm-mosquitto-'));
  const port = await freePort();
  const url = `mqtt://127.0.0.1:${port}`;
  const users = new Map<string, string>([[options.gatewayUser.username, options.gatewayUser.password]]);
  for (const d of options.devices ?? []) users.set(d.id, d.secret);
  let child: ChildProcess | undefined;
  let log = '';

  const writePasswords = async (): Promise<void> => {
    const file = join(dir, 'passwd');
    await writeFile(file, [...users].map(([u, p]) => `${u}:${p}\n`).join(''), { mode: 0o600 });
    // mosquitto 2.0 reads only hashed password files; -U hashes a plain-text one in place
    const hashed = spawnSync('mosquitto_passwd', ['-U', file], { encoding: 'utf8' });
    if (hashed.status !== 0) throw new Error(`mosquitto_passwd -U failed: ${hashed.stderr}`);
  };

  const canConnect = async (username: string, password: string): Promise<true | undefined> => {
    const client = await mqtt
      .connectAsync(url, {
        clientId: `probe-${Math.random().toString(36).slice(2, 10)}`,
        username,
        password,
        clean: true,
        reconnectPeriod: 0,
        connectTimeout: 2_000,
        protocolVersion: 4,
      })
      .catch(() => undefined);
    if (client === undefined) return undefined;
    await client.endAsync(true);
    return true;
  };

  const launch = async (): Promise<void> => {
    const proc = spawn(binary, ['-c', join(dir, 'mosquitto.conf')], { stdio: ['ignore', 'pipe', 'pipe'] });
    proc.stdout.on('data', (d: Buffer) => (log += d.toString()));
    proc.stderr.on('data', (d: Buffer) => (log += d.toString()));
    let exited = false;
    proc.once('exit', () => (exited = true));
    child = proc;
    await eventually(
      async () => {
        if (exited) throw new Error(`mosquitto exited:\n${log}`);
        return canConnect(options.gatewayUser.username, options.gatewayUser.password);
      },
      15_000,
      'mosquitto to accept the gateway user',
    );
  };

  const terminate = async (): Promise<void> => {
    const proc = child;
    child = undefined;
    if (proc === undefined || proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
    proc.kill('SIGTERM');
    const timer = setTimeout(() => proc.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };

  try {
    await mkdir(join(dir, 'data'));
    await writeFile(join(dir, 'acl'), mosquittoAcl(options.gatewayUser.username));
    await writePasswords();
    await writeFile(join(dir, 'mosquitto.conf'), mosquittoConf(dir, port));
    await launch();
  } catch (error) {
    await terminate();
    await rm(dir, { recursive: true, force: true });
    throw error;
  }

  return {
    port,
    url,
    async addDevice(id, secret) {
      users.set(id, secret);
      await writePasswords();
      // SIGHUP reloads the password file and the ACL; connected clients are not affected
      child?.kill('SIGHUP');
      await eventually(() => canConnect(id, secret), 10_000, `mosquitto to accept device ${id}`);
    },
    async restart() {
      await terminate();
      await launch();
    },
    output: () => log,
    async stop() {
      await terminate();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
