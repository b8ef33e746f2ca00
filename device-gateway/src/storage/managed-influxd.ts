import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Logger } from '../ports.ts';

export interface ManagedInfluxdOptions {
  /** directory that holds the config file and the meta, data and wal directories (created when missing) */
  readonly dataDir: string;
  /** HTTP API port; 0 = any free port */
  readonly httpPort: number;
  /** HTTP bind address. Auth is off, so keep it on loopback. */
  readonly bindHost?: string;
  /** influxd executable (name on PATH or path) */
  readonly binary?: string;
  readonly log?: Pick<Logger, 'info' | 'warn' | 'error'>;
}

const START_TIMEOUT_MS = 30_000;
const PING_INTERVAL_MS = 100;
const STOP_GRACE_MS = 10_000;
/** how much of influxd's output is kept for error messages */
const OUTPUT_TAIL_BYTES = 8_192;
/**
 * influxd 1.6 logs this (level info) once its own HTTP listener is bound. /ping alone is not proof: when the port is
 * taken by another influxd, that one answers 204 while ours dies of "address already in use".
 */
const HTTP_LISTENING_MARKER = 'msg="Listening on HTTP"';

/**
 * The platform's own InfluxDB 1.x (Debian's `influxdb` package, 1.6.7): a private influxd with its own config,
 * data directory and port (ARCHITECTURE §3). start() returns once it answers /ping; stop() mirrors it.
 */
export class ManagedInfluxd {
  private readonly dataDir: string;
  private readonly bindHost: string;
  private readonly binary: string;
  private readonly log: Pick<Logger, 'info' | 'warn' | 'error'> | undefined;
  private httpPort: number;
  private child: ChildProcess | undefined;
  private exited: Promise<void> | undefined;
  private stopping: Promise<void> | undefined;
  private outputTail = '';
  private httpListening = false;
  private ready = false;
  private readonly killOnExit = (): void => {
    // influxd would outlive a crashed parent; exit handlers may only do synchronous work.
    this.child?.kill('SIGKILL');
  };

  constructor(options: ManagedInfluxdOptions) {
    this.dataDir = options.dataDir;
    this.httpPort = options.httpPort;
    this.bindHost = options.bindHost ?? '127.0.0.1';
    this.binary = options.binary ?? 'influxd';
    this.log = options.log;
  }

  /** base URL of the HTTP API (valid once start() has resolved) */
  get url(): string {
    const host = this.bindHost === '0.0.0.0' || this.bindHost === '::' ? '127.0.0.1' : this.bindHost;
    return `http://${hostPort(host, this.httpPort)}`;
  }

  /** pid of the running influxd: a platform killed with SIGKILL leaves influxd running, and the next start stops it */
  get pidPath(): string {
    return join(this.dataDir, 'influxd.pid');
  }

  /** path of the generated config file */
  get configPath(): string {
    return join(this.dataDir, 'influxd.conf');
  }

  async start(): Promise<void> {
    if (this.child !== undefined) throw new Error('ManagedInfluxd: already started');
    if (this.httpPort === 0) this.httpPort = await freeLoopbackPort();
    // The RPC (backup/restore) service binds 127.0.0.1:8088 by default: a second instance on the same host would die.
    const rpcPort = await freeLoopbackPort();
    await mkdir(this.dataDir, { recursive: true });
    await stopOrphan(this.pidPath, this.configPath, this.log);
    await writeFile(this.configPath, influxdConfig(this.dataDir, hostPort(this.bindHost, this.httpPort), hostPort('127.0.0.1', rpcPort)));
    if (!isLoopbackHost(this.bindHost))
      this.log?.warn({ bindHost: this.bindHost }, 'managed InfluxDB listens beyond loopback without auth');

    const child = spawn(this.binary, ['-config', this.configPath], { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    this.outputTail = '';
    this.httpListening = false;
    // Always drain the pipes: influxd blocks once an unread pipe fills.
    const keep = (chunk: Buffer): void => {
      const output = this.outputTail + chunk.toString('utf8');
      if (!this.httpListening && output.includes(HTTP_LISTENING_MARKER)) this.httpListening = true;
      this.outputTail = output.slice(-OUTPUT_TAIL_BYTES);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    child.once('exit', (code, signal) => {
      process.off('exit', this.killOnExit);
      // A failed start() reports through its own error.
      if (this.ready && this.stopping === undefined) this.log?.error({ code, signal, output: this.outputTail }, 'managed InfluxDB exited');
    });
    try {
      await new Promise<void>((resolve, reject) => {
        child.once('spawn', resolve);
        child.once('error', reject);
      });
    } catch (error) {
      this.child = undefined;
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new Error(
          `InfluxDB server binary "${this.binary}" not found. Install InfluxDB 1.x (Debian/Ubuntu: sudo apt-get install influxdb) or pass its path as "binary".`,
          { cause: error },
        );
      }
      throw error;
    }
    process.on('exit', this.killOnExit);
    await writeFile(this.pidPath, String(child.pid));
    try {
      await this.waitUntilReady(child);
    } catch (error) {
      await this.stop();
      throw error;
    }
    this.ready = true;
    this.log?.info({ url: this.url, dataDir: this.dataDir, pid: child.pid }, 'managed InfluxDB ready');
  }

  /**
   * SIGTERM, then SIGKILL after 10 s; resolves when influxd has exited. Safe to call more than once. start() may
   * follow, on the same port and data (tests use this to simulate an InfluxDB outage).
   */
  stop(): Promise<void> {
    this.stopping ??= this.terminate().finally(() => {
      this.stopping = undefined;
    });
    return this.stopping;
  }

  private async terminate(): Promise<void> {
    const child = this.child;
    const exited = this.exited;
    if (child === undefined || exited === undefined) return;
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
      await exited;
      clearTimeout(timer);
    }
    process.off('exit', this.killOnExit);
    this.child = undefined;
    this.exited = undefined;
    this.ready = false;
  }

  private async waitUntilReady(child: ChildProcess): Promise<void> {
    const deadline = Date.now() + START_TIMEOUT_MS;
    while (Date.now() < deadline) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(`influxd exited during start (${child.exitCode ?? child.signalCode}); its output ends:\n${this.outputTail}`);
      }
      if (this.httpListening) {
        try {
          const response = await fetch(`${this.url}/ping`, { signal: AbortSignal.timeout(1_000) });
          await response.body?.cancel();
          if (response.status === 204) return;
        } catch {
          // not answering yet
        }
      }
      await new Promise((resolve) => setTimeout(resolve, PING_INTERVAL_MS));
    }
    throw new Error(`influxd did not answer ${this.url}/ping within ${START_TIMEOUT_MS} ms; its output ends:\n${this.outputTail}`);
  }
}

/**
 * influxd 1.6 config (TOML); section and key names as printed by `influxd config` of Debian's 1.6.7.
 * Everything not listed keeps influxd's default.
 */
function influxdConfig(dataDir: string, httpBind: string, rpcBind: string): string {
  const q = (s: string): string => JSON.stringify(s); // a JSON string is a valid TOML basic string
  return `# Generated by ManagedInfluxd; rewritten on every start.
reporting-enabled = false
bind-address = ${q(rpcBind)}

[meta]
  dir = ${q(join(dataDir, 'meta'))}
  logging-enabled = false

[data]
  dir = ${q(join(dataDir, 'data'))}
  wal-dir = ${q(join(dataDir, 'wal'))}
  query-log-enabled = false

[monitor]
  store-enabled = false

[http]
  enabled = true
  bind-address = ${q(httpBind)}
  auth-enabled = false
  log-enabled = false
  pprof-enabled = false

[logging]
  # info: start() waits for the "Listening on HTTP" line
  level = "info"
  suppress-logo = true
`;
}

function hostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || host.startsWith('127.');
}

/** A port the OS reports free on 127.0.0.1 (another process could still take it before influxd binds). */
function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Stops an influxd left running by a previous platform process that died without stopping it (SIGKILL, power cut of
 * the parent only): it holds the data directory and the port. Only a process whose command line names our config
 * file is touched.
 */
async function stopOrphan(pidPath: string, configPath: string, log: Pick<Logger, 'warn'> | undefined): Promise<void> {
  const pid = Number(await readFile(pidPath, 'utf8').catch(() => ''));
  if (!Number.isInteger(pid) || pid <= 1) return;
  const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
  if (!cmdline.includes(configPath)) return;
  log?.warn({ pid }, 'stopping an influxd left running by an earlier platform process');
  const alive = (): boolean => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  process.kill(pid, 'SIGTERM');
  for (let waited = 0; alive() && waited < STOP_GRACE_MS; waited += 100) await new Promise((r) => setTimeout(r, 100));
  if (alive()) process.kill(pid, 'SIGKILL');
  for (let waited = 0; alive() && waited < 5000; waited += 50) await new Promise((r) => setTimeout(r, 50));
}
