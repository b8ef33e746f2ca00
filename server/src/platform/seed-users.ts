import { generateSecret } from '../auth/secret-hash.ts';
import type { ServerContext } from '../context.ts';

export interface Credentials {
  readonly username: string;
  readonly password: string;
  /** false when the password was set before and is not shown again */
  readonly shown: boolean;
}

/**
 * The built-in `admin` user, created at first start. RPM_ADMIN_PASSWORD sets (or resets) its password; when unset
 * at first start, a random password is generated and shown once.
 */
export async function ensureAdmin(ctx: ServerContext, password: string | undefined): Promise<Credentials> {
  const existing = await ctx.users.findByUsername('admin');
  if (existing === undefined) {
    const pw = password ?? generateSecret(12);
    await ctx.users.create({ username: 'admin', password: pw, displayName: 'Administrator', role: 'admin' });
    return { username: 'admin', password: pw, shown: true };
  }
  if (password !== undefined) await ctx.users.setPassword(existing.id, password);
  return { username: 'admin', password: password ?? '', shown: password !== undefined };
}

/**
 * The demo care team and its nurse, who provisions and follows the simulated fleet. The nurse's password is
 * RPM_DEMO_PASSWORD, or a new random one at every start (it is printed).
 */
export async function ensureDemoTeam(ctx: ServerContext, password: string | undefined): Promise<Credentials & { teamId: string }> {
  const pw = password ?? generateSecret(12);
  const existing = await ctx.users.findByUsername('nurse');
  if (existing !== undefined) {
    await ctx.users.setPassword(existing.id, pw);
    const [teamId] = await ctx.teams.teamIdsOfUser(existing.id);
    if (teamId !== undefined) return { username: 'nurse', password: pw, shown: true, teamId };
  }
  const team = await ctx.teams.create('Transplant follow-up (demo)');
  const nurse =
    existing ??
    (await ctx.users.create({ username: 'nurse', password: pw, displayName: 'Aigerim Nurlanovna (demo nurse)', role: 'clinician' }));
  await ctx.teams.addMember(team.id, nurse.id, 'nurse');
  return { username: 'nurse', password: pw, shown: true, teamId: team.id };
}
