import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ApiError, API_ERRORS } from './errors.ts';

/** Maps every error to `{statusCode, code, message}`; unexpected ones are logged and shown as API_INTERNAL. */
export function errorHandler(error: FastifyError | ApiError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (error instanceof ApiError) {
    return reply.code(error.statusCode).send({ statusCode: error.statusCode, code: error.code, message: error.message });
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const details = error.validation
      .map((v) => `${v.instancePath || error.validationContext || 'request'}: ${v.message ?? 'invalid'}`)
      .join('; ');
    return reply
      .code(400)
      .send({ statusCode: 400, code: 'API_VALIDATION_FAILED', message: `${API_ERRORS.API_VALIDATION_FAILED.message}: ${details}` });
  }
  const status = error.statusCode ?? 500;
  if (status < 500) {
    return reply.code(status).send({ statusCode: status, code: error.code, message: error.message });
  }
  request.log.error({ err: error }, 'request failed');
  return reply.code(500).send({ statusCode: 500, code: 'API_INTERNAL', message: API_ERRORS.API_INTERNAL.message });
}
