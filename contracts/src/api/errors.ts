import { z } from 'zod';

/** Every API error has this body: a stable code (see server/src/api/errors.ts), a message, the HTTP status. */
export const apiErrorSchema = z.object({
  statusCode: z.number().int(),
  code: z.string(),
  message: z.string(),
});
export type ApiError = z.infer<typeof apiErrorSchema>;
