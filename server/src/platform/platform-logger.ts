import { pino, type DestinationStream, type LevelWithSilent, type Logger } from 'pino';

/** Keys whose values are secrets or identify a patient (ARCHITECTURE §5). Device ids stay: docs/security.md says why. */
const SENSITIVE_KEYS = ['password', 'secret', 'token', 'authorization', 'sessionId', 'patientId', 'patientName'];

/**
 * Where pino writes `[redacted]` instead of the value: each sensitive key at the top of a log object and one level
 * down (`{device: {secret}}`), and the request headers fastify would log.
 */
export const LOG_REDACT_PATHS: readonly string[] = [
  ...SENSITIVE_KEYS,
  ...SENSITIVE_KEYS.map((key) => `*.${key}`),
  'req.headers.authorization',
  'req.headers.cookie',
];

/** The platform's one logger, redaction configured here once; `destination` defaults to stdout (tests pass a buffer). */
export function createPlatformLogger(level: LevelWithSilent, destination?: DestinationStream): Logger {
  const options = { level, redact: { paths: [...LOG_REDACT_PATHS], censor: '[redacted]' } };
  return destination === undefined ? pino(options) : pino(options, destination);
}
