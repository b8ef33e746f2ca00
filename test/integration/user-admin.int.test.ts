import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerToClientEvents, Team, User, UserAccount, UserDetail, UsersResponse } from '@rpm/contracts';
import { ApiClient } from '../harness/api-client.ts';
import { startInfluxd, type TestInfluxd } from '../harness/influxd.ts';
import { startTestPlatform, TEST_ADMIN_PASSWORD, type TestPlatform } from '../harness/platform.ts';

type ClientSocket = Socket<ServerToClientEvents>;

/**
 * User administration through the API (issue #5 item 1): disabling an account ends it everywhere at once (REST, live
 * sockets, login), re-enabling lets the person back in, non-admins are refused and the refusal audited, the last
 * active admin cannot be disabled, and a password change revokes the user's other sessions.
 *
 * The login throttle allows 3 failures per address before delaying the next login from it; this file fails 4
 * times on purpose, the 4th as its very last request.
 */
describe('user administration', () => {
  let influx: TestInfluxd;
  let platform: TestPlatform;
  let admin: User;
  let team: Team;
  const sockets: ClientSocket[] = [];
  /** a session of nurse.leaving from before they were disabled */
  let revokedAtDisabling: ApiClient;

  const createUser = (username: string, role: User['role'], teamId?: string): Promise<User> =>
    platform.admin.expect<User>(201, 'POST', '/users', {
      username,
      password: `${username}-password`,
      displayName: username,
      role,
      ...(teamId === undefined ? {} : { teamId }),
    });
  const login = (username: string, password = `${username}-password`): Promise<ApiClient> => platform.admin.login(username, password);

  const connectSocket = (token: string | undefined): Promise<ClientSocket> => {
    const socket: ClientSocket = io(platform.httpUrl, { auth: { token }, transports: ['websocket'], reconnection: false });
    sockets.push(socket);
    return new Promise((resolve, reject) => {
      socket.once('connect', () => resolve(socket));
      socket.once('connect_error', reject);
    });
  };
  /** When the server drops the socket, and what it said first. */
  const dropOf = (socket: ClientSocket): Promise<{ reason: string; ended: string | undefined; at: number }> => {
    let ended: string | undefined;
    socket.once('session:ended', (info) => (ended = info.reason));
    return new Promise((resolve) => socket.once('disconnect', (reason) => resolve({ reason, ended, at: Date.now() })));
  };

  const auditRows = (actorId: string, action: string) =>
    platform.platform.httpServer?.ctx.db
      .selectFrom('audit_log')
      .select(['outcome', 'detail'])
      .where('actor_id', '=', actorId)
      .where('action', '=', action)
      .orderBy('id')
      .execute();

  beforeAll(async () => {
    influx = await startInfluxd();
    platform = await startTestPlatform(influx.url);
    admin = await platform.admin.expect<User>(200, 'GET', '/me');
    team = await platform.admin.expect<Team>(201, 'POST', '/teams', { name: 'User admin team' });
  });

  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await platform.stop();
    await influx.stop();
  });

  it('non-admins get 403 on every user-admin route, each refusal audited with the actor', async () => {
    const nurse = await createUser('nurse.curious', 'clinician', team.id);
    const ops = await createUser('ops.curious', 'ops');
    const nurseApi = await login('nurse.curious');
    const opsApi = await login('ops.curious');

    for (const [method, path, body] of [
      ['GET', '/users', undefined],
      ['GET', `/users/${admin.id}`, undefined],
      ['POST', `/users/${admin.id}/disable`, undefined],
      ['POST', `/users/${admin.id}/enable`, undefined],
      ['PUT', `/users/${admin.id}/password`, { password: 'taken-over-password' }],
      ['POST', '/users', { username: 'nurse.made.admin', password: 'made-admin-password', displayName: 'x', role: 'admin' }],
    ] as const) {
      expect(await nurseApi.request(method, path, body)).toMatchObject({ status: 403, body: { code: 'API_FORBIDDEN' } });
    }
    expect(await opsApi.request('POST', `/users/${nurse.id}/disable`)).toMatchObject({ status: 403 });

    expect(await auditRows(nurse.id, 'user.list')).toEqual([{ outcome: 'denied', detail: 'not an admin' }]);
    expect(await auditRows(nurse.id, 'user.password.reset')).toEqual([{ outcome: 'denied', detail: 'not an admin' }]);
    expect(await auditRows(ops.id, 'user.disable')).toEqual([{ outcome: 'denied', detail: 'not an admin' }]);
    expect(await auditRows(nurse.id, 'user.create')).toEqual([{ outcome: 'denied', detail: 'not an admin' }]);
    // nothing happened: the admin can still log in with the old password, the nurse is still active
    await login('admin', TEST_ADMIN_PASSWORD);
    expect((await platform.admin.expect<UserAccount>(200, 'GET', `/users/${nurse.id}`)).disabledAt).toBeNull();
  });

  it('lists users by role, reads one with their teams, and answers 404 / 400 for unknown or malformed ids', async () => {
    const nurse = await createUser('nurse.listed', 'clinician', team.id);
    const { users } = await platform.admin.expect<UsersResponse>(200, 'GET', '/users?role=clinician');
    expect(users.every((u) => u.role === 'clinician')).toBe(true);
    expect(users.map((u) => u.username)).toContain('nurse.listed');
    const detail = await platform.admin.expect<UserDetail>(200, 'GET', `/users/${nurse.id}`);
    expect(detail).toMatchObject({ id: nurse.id, role: 'clinician', disabledAt: null, teamIds: [team.id] });

    const page1 = await platform.admin.expect<UsersResponse>(200, 'GET', '/users?limit=1');
    expect(page1.users).toHaveLength(1);
    const page2 = await platform.admin.expect<UsersResponse>(200, 'GET', `/users?limit=1&after=${page1.next ?? ''}`);
    expect(page2.users[0]!.username > page1.users[0]!.username).toBe(true);

    const unknown = await platform.admin.request('GET', '/users/00000000-0000-4000-8000-000000000000');
    expect(unknown).toMatchObject({ status: 404, body: { code: 'API_USER_NOT_FOUND' } });
    expect((await platform.admin.request('POST', '/users/not-a-uuid/disable')).status).toBe(400);
    expect((await platform.admin.request('GET', '/users?role=superuser')).status).toBe(400);
    expect((await auditRows(admin.id, 'user.read'))?.slice(-2)).toEqual([
      { outcome: 'allowed', detail: `user ${detail.id}` },
      { outcome: 'failed', detail: 'user 00000000-0000-4000-8000-000000000000' },
    ]);
  });

  it('disabling a clinician drops their open sockets within a second; their token gets 401; they cannot log in', async () => {
    const nurse = await createUser('nurse.leaving', 'clinician', team.id);
    const first = await login('nurse.leaving');
    const second = await login('nurse.leaving');
    revokedAtDisabling = first;
    const drops = [dropOf(await connectSocket(first.token)), dropOf(await connectSocket(second.token))];

    const requestedAt = Date.now();
    const disabled = await platform.admin.expect<UserAccount>(200, 'POST', `/users/${nurse.id}/disable`);
    expect(disabled.disabledAt).not.toBeNull();
    for (const drop of await Promise.all(drops)) {
      expect(drop).toMatchObject({ reason: 'io server disconnect', ended: 'revoked' });
      expect(drop.at - requestedAt).toBeLessThan(1000);
    }

    expect(await first.request('GET', '/me')).toMatchObject({ status: 401, body: { code: 'API_SESSION_EXPIRED' } });
    expect((await second.request('GET', '/alerts')).status).toBe(401);
    await expect(connectSocket(first.token)).rejects.toThrow('unauthorized');

    // the right password of a disabled account is answered exactly like an unknown account (login failures 1 and 2)
    const anonymous = new ApiClient(platform.httpUrl);
    const refused = await anonymous.request('POST', '/auth/login', { username: 'nurse.leaving', password: 'nurse.leaving-password' });
    const unknown = await anonymous.request('POST', '/auth/login', { username: 'nobody.here', password: 'nobody-password' });
    expect(refused).toEqual(unknown);
    expect(refused).toMatchObject({ status: 401, body: { code: 'API_LOGIN_FAILED' } });

    // hidden from the default list, shown with includeDisabled
    const active = await platform.admin.expect<UsersResponse>(200, 'GET', '/users?role=clinician');
    expect(active.users.map((u) => u.id)).not.toContain(nurse.id);
    const all = await platform.admin.expect<UsersResponse>(200, 'GET', '/users?role=clinician&includeDisabled=true');
    expect(all.users.find((u) => u.id === nurse.id)?.disabledAt).toBe(disabled.disabledAt);

    // again: idempotent, and audited as such
    await platform.admin.expect<UserAccount>(200, 'POST', `/users/${nurse.id}/disable`);
    expect(await auditRows(admin.id, 'user.disable')).toEqual([
      { outcome: 'allowed', detail: `user ${nurse.id} disabled; sessions revoked: 2` },
      { outcome: 'allowed', detail: `user ${nurse.id} was already disabled; sessions revoked: 0` },
    ]);
  });

  it('re-enabled, the clinician logs in again while every session from before stays revoked', async () => {
    const { users } = await platform.admin.expect<UsersResponse>(200, 'GET', '/users?includeDisabled=true&role=clinician');
    const nurse = users.find((u) => u.username === 'nurse.leaving');
    if (nurse === undefined) throw new Error('nurse.leaving is missing');
    // a login that read the account just before it was disabled, and stored its session just after the revocation
    const ctx = platform.platform.httpServer?.ctx;
    if (ctx === undefined) throw new Error('no server');
    const raced = new ApiClient(platform.httpUrl, (await ctx.sessions.create(nurse.id)).token);
    const enabled = await platform.admin.expect<UserAccount>(200, 'POST', `/users/${nurse.id}/enable`);
    expect(enabled.disabledAt).toBeNull();
    const back = await login('nurse.leaving');
    expect(await back.expect<User>(200, 'GET', '/me')).toMatchObject({ id: nurse.id });
    const socket = await connectSocket(back.token);
    expect(socket.connected).toBe(true);
    expect((await revokedAtDisabling.request('GET', '/me')).status).toBe(401);
    expect((await raced.request('GET', '/me')).status).toBe(401);
    // again: idempotent, and it does not end the session just opened
    await platform.admin.expect<UserAccount>(200, 'POST', `/users/${nurse.id}/enable`);
    expect((await back.request('GET', '/me')).status).toBe(200);
    expect(await auditRows(admin.id, 'user.enable')).toEqual([
      { outcome: 'allowed', detail: `user ${nurse.id} enabled; sessions revoked: 1` },
      { outcome: 'allowed', detail: `user ${nurse.id} was already enabled` },
    ]);
  });

  it('an admin cannot disable themselves, and two admins disabling each other at once leave one active', async () => {
    expect(await platform.admin.request('POST', `/users/${admin.id}/disable`)).toMatchObject({
      status: 409,
      body: { code: 'API_SELF_DISABLE' },
    });
    const second = await createUser('admin.second', 'admin');
    const secondApi = await login('admin.second');

    const results = await Promise.all([
      platform.admin.request('POST', `/users/${second.id}/disable`),
      secondApi.request('POST', `/users/${admin.id}/disable`),
    ]);
    const statuses = results.map((r) => r.status);
    // the loser is refused as the last admin, or, when the winner's disable landed before its session check, 401
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409 || s === 401)).toHaveLength(1);
    const refused = results.find((r) => r.status === 409);
    if (refused !== undefined) expect(refused.body).toMatchObject({ code: 'API_LAST_ADMIN' });

    const ctx = platform.platform.httpServer?.ctx;
    if (ctx === undefined) throw new Error('no server');
    const admins = await ctx.users.list({ role: 'admin', includeDisabled: false, limit: 10 });
    expect(admins).toHaveLength(1);
    // the store refuses the last active admin whoever asks (the API's self-check comes first)
    expect(await ctx.users.disable(admins[0]!.id)).toBe('last-admin');

    const survivor = admins[0]!.id === admin.id ? platform.admin : secondApi;
    const loser = admins[0]!.id === admin.id ? second : admin;
    await survivor.expect<UserAccount>(200, 'POST', `/users/${loser.id}/enable`);
    if (loser.id === admin.id) platform.admin.token = (await login('admin', TEST_ADMIN_PASSWORD)).token;
  });

  it('a password change needs the current password and revokes the user’s other sessions, not this one', async () => {
    const nurse = await createUser('nurse.rotating', 'clinician', team.id);
    const here = await login('nurse.rotating');
    const elsewhere = await login('nurse.rotating');
    const hereSocket = await connectSocket(here.token);
    const elsewhereDrop = dropOf(await connectSocket(elsewhere.token));

    // login failure 3
    const wrong = await here.request('PUT', '/me/password', { currentPassword: 'not-my-password', newPassword: 'a-new-password-1' });
    expect(wrong).toMatchObject({ status: 400, body: { code: 'API_CURRENT_PASSWORD_WRONG' } });
    expect((await elsewhere.request('GET', '/me')).status).toBe(200);

    await here.expect(204, 'PUT', '/me/password', { currentPassword: 'nurse.rotating-password', newPassword: 'a-new-password-1' });
    expect(await elsewhereDrop).toMatchObject({ reason: 'io server disconnect', ended: 'revoked' });
    expect((await elsewhere.request('GET', '/me')).status).toBe(401);
    expect((await here.request('GET', '/me')).status).toBe(200);
    expect(hereSocket.connected).toBe(true);
    await login('nurse.rotating', 'a-new-password-1');
    expect(await auditRows(nurse.id, 'user.password.change')).toEqual([
      { outcome: 'denied', detail: 'wrong current password' },
      { outcome: 'allowed', detail: 'other sessions revoked: 1' },
    ]);

    // an admin's reset revokes every session of the user, and the temporary password works
    const hereDrop = dropOf(hereSocket);
    await platform.admin.expect(204, 'PUT', `/users/${nurse.id}/password`, { password: 'temporary-password-9' });
    expect(await hereDrop).toMatchObject({ ended: 'revoked' });
    expect((await here.request('GET', '/me')).status).toBe(401);
    await login('nurse.rotating', 'temporary-password-9');
    expect((await auditRows(admin.id, 'user.password.reset'))?.at(-1)).toEqual({
      outcome: 'allowed',
      detail: `user ${nurse.id}; sessions revoked: 2`,
    });

    // login failure 4, the last request of this file: the password before the reset no longer works
    const old = await new ApiClient(platform.httpUrl).request('POST', '/auth/login', {
      username: 'nurse.rotating',
      password: 'a-new-password-1',
    });
    expect(old.status).toBe(401);
  });
});
