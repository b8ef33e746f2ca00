import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chown, mkdtemp, readdir, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { eventually } from './eventually.ts';
import { freePort } from './free-port.ts';

export interface TestPostgres {
  readonly port: number;
  /** creates an empty database owned by the superuser and returns its `postgres://` URL */
  createDatabase(name: string): Promise<string>;
  /** everything the server logged */
  output(): string;
  /** stops the server (fast shutdown) and deletes its directory */
  stop(): Promise<void>;
}

/** Debian installs the server programs per major version, off PATH (`/usr/lib/postgresql/<version>/bin`). */
const DEBIAN_ROOT = '/usr/lib/postgresql';
const START_TIMEOUT_MS = 30_000;
const STOP_GRACE_MS = 10_000;
/** postgres logs this once it accepts connections (and not when it dies of a taken port) */
const READY_MARKER = 'database system is ready to accept connections';
const SUPERUSER = 'postgres';

/** The newest installed server's bin directory, or RPM_POSTGRES_BIN_DIR. */
async function findBinDir(): Promise<string> {
  const configured = process.env['RPM_POSTGRES_BIN_DIR'];
  if (configured !== undefined && configured !== '') return configured;
  const versions = existsSync(DEBIAN_ROOT) ? await readdir(DEBIAN_ROOT) : [];
  const found = versions.filter((v) => existsSync(join(DEBIAN_ROOT, v, 'bin', 'postgres'))).sort((a, b) => Number(b) - Number(a))[0];
  if (found === undefined) throw new Error(`no PostgreSQL server under ${DEBIAN_ROOT}/*/bin (Debian package postgresql)`);
  return join(DEBIAN_ROOT, found, 'bin');
}

/**
 * PostgreSQL refuses to run as root. As root, run its programs as the `postgres` OS user (the Debian package creates
 * it) through setpriv, which execs: the child we hold is postgres itself, so signals reach it directly.
 */
function asServerUser(command: string, args: readonly string[]): [string, string[]] {
  if (process.getuid?.() !== 0) return [command, [...args]];
  return ['setpriv', ['--reuid=postgres', '--regid=postgres', '--init-groups', '--', command, ...args]];
}

function ownerIds(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string): number => Number(spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' }).stdout.trim());
  return { uid: id('-u'), gid: id('-g') };
}

/**
 * A private PostgreSQL server (Debian's) on a free loopback port with a fresh cluster in a temp directory, for
 * integration tests: nothing shared between test files, nothing left behind. Durability is off (fsync,
 * synchronous_commit, full_page_writes): a test cluster is thrown away, so it need not survive a power cut.
 */
export async function startPostgres(): Promise<TestPostgres> {
  const bin = await findBinDir();
  const dir = await mkdtemp(join(tmpdir(), 'rpm-postgres-'));
  const data = join(dir, 'data');
  const owner = ownerIds();
  if (owner !== undefined) await chown(dir, owner.uid, owner.gid);
  let child: ChildProcess | undefined;
  let log = '';
  const killOnExit = (): void => {
    // the server would outlive a crashed test process; exit handlers may only do synchronous work
    child?.kill('SIGKILL');
  };

  const terminate = async (): Promise<void> => {
    const proc = child;
    child = undefined;
    process.off('exit', killOnExit);
    if (proc === undefined || proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
    // SIGINT is PostgreSQL's fast shutdown: open sessions are rolled back, nothing waits for clients to leave
    proc.kill('SIGINT');
    const timer = setTimeout(() => proc.kill('SIGKILL'), STOP_GRACE_MS);
    await exited;
    clearTimeout(timer);
  };

  const launch = async (port: number): Promise<void> => {
    const [command, args] = asServerUser(join(bin, 'postgres'), [
      '-D',
      data,
      '-p',
      String(port),
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      `unix_socket_directories=${dir}`,
      '-c',
      'fsync=off',
      '-c',
      'synchronous_commit=off',
      '-c',
      'full_page_writes=off',
      '-c',
      'shared_buffers=32MB',
      '-c',
      'max_connections=50',
    ]);
    const proc = spawn(command, args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    child = proc;
    process.on('exit', killOnExit);
    let ready = false;
    const collect = (d: Buffer): void => {
      log += d.toString();
      if (log.includes(READY_MARKER)) ready = true;
    };
    proc.stdout.on('data', collect);
    proc.stderr.on('data', collect);
    let exited = false;
    proc.once('exit', () => (exited = true));
    await eventually(
      () => {
        if (exited) throw new Error(`postgres exited:\n${log}`);
        return ready ? true : undefined;
      },
      START_TIMEOUT_MS,
      'postgres to accept connections',
    );
  };

  let port = 0;
  try {
    const [command, args] = asServerUser(join(bin, 'initdb'), [
      '-D',
      data,
      '-U',
      SUPERUSER,
      '--auth=trust',
      '--encoding=UTF8',
      // C collation: text sorts by code point, as SQLite's BINARY does, so both dialects order names alike
      '--locale=C',
      '--no-sync',
      '--no-instructions',
    ]);
    const initdb = spawnSync(command, args, { cwd: dir, encoding: 'utf8' });
    if (initdb.status !== 0) throw new Error(`initdb failed:\n${initdb.stdout}${initdb.stderr}`);
    // a free port can be taken between the probe and the bind: try another one then
    for (let attempt = 1; ; attempt++) {
      port = await freePort();
      try {
        await launch(port);
        break;
      } catch (error) {
        await terminate();
        if (attempt === 3 || !log.includes('could not bind')) throw error;
      }
    }
  } catch (error) {
    await terminate();
    await rm(dir, { recursive: true, force: true });
    throw error;
  }

  return {
    port,
    async createDatabase(name) {
      if (!/^[a-z][a-z0-9_]{0,62}$/.test(name)) throw new Error(`not a plain database name: ${name}`);
      // the server's own psql (-X: no ~/.psqlrc), so the harness needs no client library of its own
      await promisify(execFile)(join(bin, 'psql'), [
        '-X',
        '-v',
        'ON_ERROR_STOP=1',
        '-h',
        '127.0.0.1',
        '-p',
        String(port),
        '-U',
        SUPERUSER,
        '-d',
        'postgres',
        '-c',
        `CREATE DATABASE ${name}`,
      ]);
      return `postgres://${SUPERUSER}@127.0.0.1:${port}/${name}`;
    },
    output: () => log,
    async stop() {
      await terminate();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
