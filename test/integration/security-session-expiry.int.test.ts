import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerToClientEvents, User } from '@rpm/contracts';
import { ApiClient } from '../harness/api-client.ts';
import { startInfluxd, type TestInfluxd } from '../harness/influxd.ts';
import { startTestPlatform, TEST_ADMIN_PASSWORD, type TestPlatform } from '../harness/platform.ts';

/** Short enough to wait for, long enough to log in, connect and make a first request on a busy 2-core machine. */
const SESSION_TTL_MS = 4000;

/**
 * A session that reaches its TTL ends everywhere at once (ARCHITECTURE §5): REST answers 401 API_SESSION_EXPIRED, and
 * the socket opened with it is told why and dropped while connected, not only at the next handshake.
 */
describe('security: an expired session', () => {
  let influx: TestInfluxd;
  let platform: TestPlatform;

  beforeAll(async () => {
    influx = await startInfluxd();
    platform = await startTestPlatform(influx.url, { RPM_SESSION_TTL_MS: String(SESSION_TTL_MS) });
    // the harness's admin session expires with the rest: log in afresh for set-up
    const admin = await platform.admin.login('admin', TEST_ADMIN_PASSWORD);
    await admin.expect<User>(201, 'POST', '/users', {
      username: 'nurse.ttl',
      password: 'nurse-password-ttl',
      displayName: 'Nurse Ttl',
      role: 'clinician',
    });
  });

  afterAll(async () => {
    await platform.stop();
    await influx.stop();
  });

  const connectSocket = (token: string | undefined): Promise<Socket<ServerToClientEvents>> => {
    const socket: Socket<ServerToClientEvents> = io(platform.httpUrl, { auth: { token }, transports: ['websocket'], reconnection: false });
    return new Promise((resolve, reject) => {
      socket.once('connect', () => resolve(socket));
      socket.once('connect_error', reject);
    });
  };

  it(
    'drops the live socket at expiry, telling the client why, and REST then answers 401 API_SESSION_EXPIRED',
    async () => {
      const login = await new ApiClient(platform.httpUrl).expect<{ token: string; expiresAt: string }>(200, 'POST', '/auth/login', {
        username: 'nurse.ttl',
        password: 'nurse-password-ttl',
      });
      const nurse = new ApiClient(platform.httpUrl, login.token);
      const expiresAt = Date.parse(login.expiresAt);
      const socket = await connectSocket(login.token);
      const ended = new Promise<{ reason: string; at: number }>((resolve) =>
        socket.once('session:ended', (info) => resolve({ reason: info.reason, at: Date.now() })),
      );
      const disconnected = new Promise<string>((resolve) => socket.once('disconnect', (reason) => resolve(reason)));

      // live before expiry, on both channels
      expect((await nurse.request('GET', '/me')).status).toBe(200);
      expect(socket.connected).toBe(true);

      const info = await ended;
      expect(info.reason).toBe('expired');
      // not early: the server's clock and ours are the same machine's
      expect(info.at).toBeGreaterThanOrEqual(expiresAt - 50);
      // the server closed it (not a transport failure), and it stays closed
      expect(await disconnected).toBe('io server disconnect');
      expect(socket.connected).toBe(false);

      const rest = await nurse.request('GET', '/me');
      expect(rest).toMatchObject({ status: 401, body: { code: 'API_SESSION_EXPIRED' } });
      expect((await nurse.request('GET', '/patients')).status).toBe(401);
    },
    SESSION_TTL_MS + 15_000,
  );

  it('refuses a new socket with the expired token at the handshake', async () => {
    const nurse = await platform.admin.login('nurse.ttl', 'nurse-password-ttl');
    await new Promise((resolve) => setTimeout(resolve, SESSION_TTL_MS + 100));
    await expect(connectSocket(nurse.token)).rejects.toThrow(/unauthorized/);
  });
});
