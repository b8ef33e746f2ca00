import { z } from 'zod';
import { USER_ROLES, userSchema } from './auth.ts';

/** Passwords an admin or the user sets: the same bounds as at account creation. */
const newPasswordSchema = z.string().min(10).max(1024);

/** A user as admins see them: the account's state besides who it is. */
export const userAccountSchema = userSchema.extend({
  createdAt: z.iso.datetime(),
  /** set while the account is disabled: it cannot log in and has no live session */
  disabledAt: z.iso.datetime().nullable(),
});
export type UserAccount = z.infer<typeof userAccountSchema>;

/** GET /api/v1/users/{userId}: the account and the care teams it belongs to. */
export const userDetailSchema = userAccountSchema.extend({ teamIds: z.array(z.uuid()) });
export type UserDetail = z.infer<typeof userDetailSchema>;

export const userIdParamsSchema = z.object({ userId: z.uuid() });

/** GET /api/v1/users: ordered by username; `after` is the last username of the previous page. */
export const listUsersQuerySchema = z.object({
  role: z.enum(USER_ROLES).optional(),
  /** `true`: disabled accounts too (default: active accounts only) */
  includeDisabled: z.enum(['true', 'false']).default('false'),
  after: z.string().min(1).max(128).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});
export type ListUsersQuery = z.infer<typeof listUsersQuerySchema>;

export const usersResponseSchema = z.object({
  users: z.array(userAccountSchema),
  /** pass as `after` for the next page; null on the last page */
  next: z.string().nullable(),
});
export type UsersResponse = z.infer<typeof usersResponseSchema>;

/** PUT /api/v1/users/{userId}/password (admin): a temporary password to hand to the user. */
export const resetPasswordRequestSchema = z.object({ password: newPasswordSchema });
export type ResetPasswordRequest = z.infer<typeof resetPasswordRequestSchema>;

/** PUT /api/v1/me/password (any logged-in user). */
export const changePasswordRequestSchema = z.object({
  currentPassword: z.string().min(1).max(1024),
  newPassword: newPasswordSchema,
});
export type ChangePasswordRequest = z.infer<typeof changePasswordRequestSchema>;
