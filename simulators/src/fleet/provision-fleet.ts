import type { CreatePatientRequest } from '@rpm/contracts';
import { SimulatorError } from '../errors.ts';
import { silentLogger, type SimLogger } from '../logger.ts';
import { deriveSeed, mulberry32 } from '../random.ts';
import { plausiblePatient } from './patient-names.ts';
import { PlatformApiClient } from './platform-api-client.ts';

/** What a device needs to connect: its id (= MQTT client id and username) and its secret (= password). */
export interface DeviceLogin {
  readonly deviceId: string;
  readonly secret: string;
}

/** A provisioned device: its login and the patient it measures. The secret is shown only once by the API: keep it. */
export interface DeviceCredentials extends DeviceLogin {
  readonly patientId: string;
  readonly patientName: string;
  /** when the platform registered the device (epoch ms), when asked for (`readRegistration`) */
  readonly registeredAtMs?: number;
}

export interface ProvisionFleetOptions {
  /** the platform's origin, e.g. http://127.0.0.1:8080 */
  readonly apiUrl: string;
  /** an admin or clinician allowed to enrol patients and register devices (an admin to backdate: `registeredAtMs`) */
  readonly username: string;
  readonly password: string;
  /** how many patients to enrol, one device each */
  readonly devices: number;
  /** seed of the generated names and birth dates */
  readonly seed?: number;
  /** care team that follows the patients (default: the user's first team) */
  readonly teamId?: string;
  /** model recorded for each device */
  readonly model?: string;
  /** programme enrolment of patient i (sent with POST /patients; a platform without programmes ignores it) */
  readonly enrolment?: (index: number) => Pick<CreatePatientRequest, 'programs' | 'spo2Target'>;
  /** also read each device's registration time back (GET /patients/{id}/devices): cohorts start no earlier */
  readonly readRegistration?: boolean;
  /**
   * register every device as of this earlier time, epoch ms (`registeredAt`), so the platform accepts readings
   * measured since then; the platform allows it to admins only, up to DEVICE_BACKDATE_MAX_DAYS back (docs/devices.md)
   */
  readonly registeredAtMs?: number;
  /** requests in flight at once (registering hashes a secret with argon2id on the server: keep this small) */
  readonly concurrency?: number;
  readonly signal?: AbortSignal;
  readonly log?: SimLogger;
}

export const PROVISION_DEFAULTS = { seed: 1, model: 'RPM-SIM-HUB', concurrency: 4 } as const;

/**
 * Enrols `devices` patients with one device each through the platform API and returns the device credentials,
 * in order (patient i ↔ device i). Fails with a SimulatorError naming the step on the first refusal.
 */
export async function provisionFleet(options: ProvisionFleetOptions): Promise<DeviceCredentials[]> {
  if (!Number.isInteger(options.devices) || options.devices < 0) {
    throw new SimulatorError('SIM_OPTIONS_INVALID', `devices must be a non-negative integer, got ${options.devices}`);
  }
  const log = options.log ?? silentLogger;
  const api = new PlatformApiClient(options.apiUrl, options.signal);
  const login = await api.login(options.username, options.password);
  log.info({ user: login.user.username, role: login.user.role, devices: options.devices }, 'simulator logged in; enrolling patients');
  const registeredAt = options.registeredAtMs === undefined ? undefined : new Date(options.registeredAtMs).toISOString();
  // Checked before enrolling anyone, so a refusal leaves no patients without devices behind.
  if (registeredAt !== undefined && login.user.role !== 'admin') {
    throw backdateRefused(`user ${login.user.username} is a ${login.user.role}`);
  }

  const seed = options.seed ?? PROVISION_DEFAULTS.seed;
  const model = options.model ?? PROVISION_DEFAULTS.model;
  const today = new Date();
  const results: DeviceCredentials[] = new Array<DeviceCredentials>(options.devices);
  let next = 0;
  let failed = false;
  const worker = async (): Promise<void> => {
    // After a refusal the other workers finish their current request and stop: no more half-enrolled patients.
    while (next < options.devices && !failed) {
      const index = next++;
      // Patient i's details depend only on (seed, i), whatever order the workers finish in.
      const patient = plausiblePatient(mulberry32(deriveSeed(seed, `patient-${index}`)), today);
      const { id } = await api.createPatient({
        ...patient,
        ...(options.teamId === undefined ? {} : { teamId: options.teamId }),
        ...options.enrolment?.(index),
      });
      const device = await api.createDevice(id, model, registeredAt).catch((error: unknown) => {
        if (registeredAt !== undefined && error instanceof SimulatorError && error.apiCode === 'API_FORBIDDEN') {
          throw backdateRefused(error.message, error);
        }
        throw error;
      });
      const registered =
        options.readRegistration === true ? (await api.listDevices(id)).find((d) => d.deviceId === device.deviceId) : undefined;
      results[index] = {
        patientId: id,
        patientName: patient.name,
        deviceId: device.deviceId,
        secret: device.secret,
        ...(registered === undefined ? {} : { registeredAtMs: Date.parse(registered.registeredAt) }),
      };
    }
  };
  const concurrency = Math.max(1, Math.min(options.concurrency ?? PROVISION_DEFAULTS.concurrency, options.devices));
  await Promise.all(
    Array.from({ length: concurrency }, () =>
      worker().catch((error: unknown) => {
        failed = true;
        throw error;
      }),
    ),
  );
  log.info({ devices: results.length }, 'simulator patients and devices enrolled');
  return results;
}

/** Backdating the registrations (a cohort's `--backdate-days`) needs an admin: the error says so and what to do. */
function backdateRefused(why: string, cause?: SimulatorError): SimulatorError {
  return new SimulatorError(
    'SIM_API_REFUSED',
    `could not register the devices in the past (${why}): only an administrator may backdate a device registration; ` +
      'run as an admin user (--username) or without --backdate-days',
    cause === undefined
      ? {}
      : { ...(cause.statusCode === undefined ? {} : { statusCode: cause.statusCode }), apiCode: 'API_FORBIDDEN', cause },
  );
}
