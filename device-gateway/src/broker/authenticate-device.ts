import type { AuthenticateError, Client } from 'aedes';
import { isDeviceId } from '@rpm/contracts';
import type { DeviceSessions } from '../ingest/device-sessions.ts';
import type { GatewayMetrics } from '../metrics/gateway-metrics.ts';
import type { DeviceDirectory, Logger } from '../ports.ts';

// CONNACK return codes, MQTT 3.1.1 §3.2.2.3 (aedes declares them as a const enum, which type stripping cannot use)
const IDENTIFIER_REJECTED = 2;
const BAD_USERNAME_OR_PASSWORD = 4;
const SERVER_UNAVAILABLE = 3;

function authError(message: string, returnCode: number): AuthenticateError {
  // eslint-disable-next-line @typescript-eslint/no-unsafe-enum-assignment, @typescript-eslint/no-unnecessary-type-assertion -- aedes types the code as a const enum, which type-stripped code cannot reference
  return Object.assign(new Error(message), { returnCode }) as AuthenticateError;
}

export interface AuthenticateDeps {
  readonly directory: DeviceDirectory;
  readonly sessions: DeviceSessions;
  readonly metrics: GatewayMetrics;
  readonly log: Logger;
}

/**
 * No anonymous devices: the client id must be the device id, the username the same id, and the password the
 * device secret issued at registration (ARCHITECTURE §5).
 */
export function authenticateDevice(deps: AuthenticateDeps) {
  return (
    client: Client,
    username: string | undefined,
    password: Buffer | undefined,
    done: (error: AuthenticateError | null, success: boolean | null) => void,
  ): void => {
    const deviceId = client.id;
    if (!isDeviceId(deviceId)) {
      deps.metrics.authFailures++;
      done(authError('client id is not a valid device id', IDENTIFIER_REJECTED), false);
      return;
    }
    if (username !== deviceId || password === undefined || password.length === 0 || password.length > 256) {
      deps.metrics.authFailures++;
      deps.log.warn({ deviceId }, 'device refused: username must equal the client id and a secret is required');
      done(authError('bad username or password', BAD_USERNAME_OR_PASSWORD), false);
      return;
    }
    deps.directory.authenticate(deviceId, password.toString('utf8')).then(
      (identity) => {
        if (identity === undefined) {
          deps.metrics.authFailures++;
          deps.log.warn({ deviceId }, 'device refused: unknown device, inactive device or wrong secret');
          done(authError('bad username or password', BAD_USERNAME_OR_PASSWORD), false);
          return;
        }
        deps.sessions.bind(client, identity);
        done(null, true);
      },
      (error: unknown) => {
        deps.log.error({ deviceId, err: error }, 'device directory unavailable');
        done(authError('server unavailable', SERVER_UNAVAILABLE), false);
      },
    );
  };
}
