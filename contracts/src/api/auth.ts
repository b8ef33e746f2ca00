import { z } from 'zod';

export const USER_ROLES = ['admin', 'clinician', 'ops', 'patient'] as const;
export type UserRole = (typeof USER_ROLES)[number];

export const loginRequestSchema = z.object({
  username: z.string().min(1).max(128),
  password: z.string().min(1).max(1024),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const userSchema = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(USER_ROLES),
});
export type User = z.infer<typeof userSchema>;

export const loginResponseSchema = z.object({
  /** opaque bearer token: `Authorization: Bearer <token>`, and `auth: {token}` for socket.io */
  token: z.string(),
  expiresAt: z.iso.datetime(),
  user: userSchema,
});
export type LoginResponse = z.infer<typeof loginResponseSchema>;

export const createUserRequestSchema = z.object({
  username: z.string().regex(/^[a-z0-9][a-z0-9._-]{1,63}$/, 'lower-case letters, digits, . _ -'),
  password: z.string().min(10).max(1024),
  displayName: z.string().min(1).max(200),
  role: z.enum(USER_ROLES),
  /** clinicians: the care team to join */
  teamId: z.uuid().optional(),
});
export type CreateUserRequest = z.infer<typeof createUserRequestSchema>;

export const createTeamRequestSchema = z.object({ name: z.string().min(1).max(200) });
export const teamSchema = z.object({ id: z.uuid(), name: z.string() });
export type Team = z.infer<typeof teamSchema>;
