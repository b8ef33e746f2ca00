import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Team } from '@rpm/contracts';
import type { Database } from '../db/schema.ts';

/** Escalation tiers of team members (nurse → doctor → on-call). */
export const MEMBER_TIERS = { nurse: 1, coordinator: 1, doctor: 2, on_call: 3 } as const;
export type MemberRole = keyof typeof MEMBER_TIERS;

export class TeamStore {
  private readonly db: Kysely<Database>;
  /** Told when a user leaves a team, after the row is gone (socket.io takes their sockets out of its room). */
  onMemberRemoved: ((teamId: string, userId: string) => void) | undefined;
  constructor(db: Kysely<Database>) {
    this.db = db;
  }

  async create(name: string, now = Date.now()): Promise<Team> {
    const team = { id: randomUUID(), name };
    await this.db
      .insertInto('care_teams')
      .values({ ...team, created_at: now })
      .execute();
    return team;
  }

  async exists(id: string): Promise<boolean> {
    return (await this.db.selectFrom('care_teams').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
  }

  list(): Promise<Team[]> {
    return this.db.selectFrom('care_teams').select(['id', 'name']).orderBy('name').execute();
  }

  async addMember(teamId: string, userId: string, role: MemberRole): Promise<void> {
    await this.db
      .insertInto('team_members')
      .values({ team_id: teamId, user_id: userId, member_role: role, tier: MEMBER_TIERS[role] })
      .execute();
  }

  /** Ends a membership; false when the user was not a member of the team. */
  async removeMember(teamId: string, userId: string): Promise<boolean> {
    const result = await this.db.deleteFrom('team_members').where('team_id', '=', teamId).where('user_id', '=', userId).executeTakeFirst();
    const removed = result.numDeletedRows > 0n;
    if (removed) this.onMemberRemoved?.(teamId, userId);
    return removed;
  }

  /**
   * The active (not disabled) users of the teams, each once: a user in several of them is listed with their highest
   * tier (and that membership's role). Ordered by tier, then name.
   */
  async membersOf(teamIds: readonly string[]): Promise<{ userId: string; displayName: string; role: MemberRole; tier: number }[]> {
    if (teamIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('team_members')
      .innerJoin('users', 'users.id', 'team_members.user_id')
      .select(['users.id', 'users.display_name', 'team_members.member_role', 'team_members.tier'])
      .where('team_members.team_id', 'in', teamIds)
      .where('users.disabled_at', 'is', null)
      .execute();
    const byUser = new Map<string, { userId: string; displayName: string; role: MemberRole; tier: number }>();
    for (const r of rows) {
      if (!(r.member_role in MEMBER_TIERS)) continue;
      const seen = byUser.get(r.id);
      if (seen === undefined || r.tier > seen.tier)
        byUser.set(r.id, { userId: r.id, displayName: r.display_name, role: r.member_role as MemberRole, tier: r.tier });
    }
    return [...byUser.values()].sort((a, b) => a.tier - b.tier || a.displayName.localeCompare(b.displayName));
  }

  async teamIdsOfUser(userId: string): Promise<string[]> {
    const rows = await this.db.selectFrom('team_members').select('team_id').where('user_id', '=', userId).execute();
    return rows.map((r) => r.team_id);
  }
}
