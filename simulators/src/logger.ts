/**
 * The simulator's logger: pino-compatible (the object first, then the message), so the platform can pass its own
 * pino logger or child when it runs the demo fleet in-process. Library code logs only through this; only the CLI
 * writes to the console.
 */
export interface SimLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

const ignore = (): void => {};

export const silentLogger: SimLogger = { info: ignore, warn: ignore, error: ignore };
