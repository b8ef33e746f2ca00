import { z } from 'zod';

/** A care-team member's role in the team (team_members.member_role). */
export const MEMBER_ROLES = ['nurse', 'coordinator', 'doctor', 'on_call'] as const;
export type CareTeamRole = (typeof MEMBER_ROLES)[number];

/** One person of the patient's care teams, who an alert may be assigned to. */
export const careTeamMemberSchema = z.object({
  userId: z.uuid(),
  displayName: z.string(),
  role: z.enum(MEMBER_ROLES),
  /** escalation tier: 1 nurse (or coordinator), 2 doctor, 3 on-call */
  tier: z.number().int().min(1).max(3),
});
export type CareTeamMember = z.infer<typeof careTeamMemberSchema>;

/** GET /api/v1/patients/{id}/care-team: the members of all the patient's teams, each user once. */
export const careTeamResponseSchema = z.object({ members: z.array(careTeamMemberSchema) });
export type CareTeamResponse = z.infer<typeof careTeamResponseSchema>;
