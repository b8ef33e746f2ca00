import { planCohort, type CohortPatientPlan } from '../cohort/plan-cohort.ts';
import type { ScenarioMix } from '../cohort/parse-mix.ts';
import { createSimClock } from '../cohort/sim-clock.ts';
import type { TruthSink } from '../cohort/ground-truth.ts';
import { silentLogger, type SimLogger } from '../logger.ts';
import { DEFAULT_UTC_OFFSET_MINUTES } from '../physiology/simulated-patient.ts';
import { provisionFleet, type DeviceCredentials, type ProvisionFleetOptions } from './provision-fleet.ts';
import { runCohort, type CohortHandle, type RunCohortOptions } from './run-cohort.ts';

const DAY_MS = 86_400_000;
/** A start within this of the request counts as honoured (the registrations are read back to check). */
const BACKDATE_SLACK_MS = 10 * 60_000;

export interface StartCohortOptions extends Omit<ProvisionFleetOptions, 'enrolment' | 'readRegistration' | 'registeredAtMs' | 'log'> {
  readonly mqttUrl: string;
  readonly mix: ScenarioMix;
  readonly days: number;
  readonly backdateDays: number;
  readonly speed: number;
  readonly intervalMs?: number;
  /** false: patients never skip a measuring session (see RunCohortOptions) */
  readonly skipSessions?: boolean;
  readonly truth?: TruthSink;
  /** seq of device i's first message (a fleet file's devices continue after their last one) */
  readonly firstSeq?: RunCohortOptions['firstSeq'];
  /** called with every readings message on its PUBACK (`run --record`) */
  readonly onAcknowledged?: RunCohortOptions['onAcknowledged'];
  readonly log?: SimLogger;
}

export interface Cohort extends CohortHandle {
  readonly devices: readonly DeviceCredentials[];
  readonly plans: readonly CohortPatientPlan[];
  /** simulated start actually used, epoch ms: no earlier than the latest device registration */
  readonly simStartMs: number;
  readonly simEndMs: number;
  /** false when the platform registered the devices later than asked (one that ignores `registeredAt`) */
  readonly backdateHonoured: boolean;
}

/** What enrolling a cohort needs: who to enrol and how (the mix and seed decide each patient's programme). */
export type EnrolCohortOptions = Omit<
  StartCohortOptions,
  'mqttUrl' | 'days' | 'speed' | 'intervalMs' | 'skipSessions' | 'truth' | 'firstSeq' | 'onAcknowledged'
>;

/** What running an enrolled cohort needs (no API: the devices are enrolled already). */
export type RunEnrolledCohortOptions = Omit<
  StartCohortOptions,
  'apiUrl' | 'username' | 'password' | 'teamId' | 'model' | 'concurrency' | 'devices'
>;

/**
 * Enrols a cohort (patients with their programmes, one device each), sets the simulated clock and runs it.
 *
 * The simulated clock starts `backdateDays` ago, but never before the latest device registration: the gateway
 * refuses readings measured before the device was registered (TIME_BEFORE_REGISTRATION) or more than 5 minutes ahead
 * of its clock (TIME_IN_FUTURE). So a backdated cohort registers its devices as of its start (`registeredAt`, which
 * the platform allows admins only) and reads the registrations back to check.
 */
export async function startCohort(options: StartCohortOptions): Promise<Cohort> {
  const devices = await enrolCohort(options);
  return runEnrolledCohort(options, devices);
}

/**
 * Enrols the cohort's patients, each in the programme its plan gives (a function of seed, mix and index only), with
 * their devices registered `backdateDays` ago (admins only), and reads the registrations back.
 */
export async function enrolCohort(options: EnrolCohortOptions): Promise<DeviceCredentials[]> {
  const requestedStart = Date.now() - options.backdateDays * DAY_MS;
  // Scenario and programme of patient i depend neither on the start nor on the length.
  const enrolmentPlans = planCohort({
    count: options.devices,
    seed: options.seed ?? 1,
    mix: options.mix,
    startMs: requestedStart,
    days: 1,
    utcOffsetMinutes: DEFAULT_UTC_OFFSET_MINUTES,
  });
  return provisionFleet({
    ...options,
    log: options.log ?? silentLogger,
    readRegistration: true,
    ...(options.backdateDays > 0 ? { registeredAtMs: requestedStart } : {}),
    enrolment: (index) => {
      const p = enrolmentPlans[index];
      if (p === undefined) return {};
      return { programs: [p.programme], ...(p.spo2Target === undefined ? {} : { spo2Target: p.spo2Target }) };
    },
  });
}

/** Runs an enrolled cohort (device i is patient i of the plan): plans it, sets the simulated clock, starts the devices. */
export function runEnrolledCohort(options: RunEnrolledCohortOptions, devices: readonly DeviceCredentials[]): Cohort {
  const log = options.log ?? silentLogger;
  const utcOffsetMinutes = DEFAULT_UTC_OFFSET_MINUTES;
  const seed = options.seed ?? 1;
  const requestedStart = Date.now() - options.backdateDays * DAY_MS;
  const latestRegistration = Math.max(...devices.map((d) => d.registeredAtMs ?? Date.now()));
  const simStartMs = Math.max(requestedStart, latestRegistration);
  const backdateHonoured = simStartMs - requestedStart <= BACKDATE_SLACK_MS;
  if (!backdateHonoured) {
    log.warn(
      { requestedStartAt: new Date(requestedStart).toISOString(), registeredAt: new Date(latestRegistration).toISOString() },
      'the devices were registered later than the simulated start asked for (a platform that ignores registeredAt, or a fleet file provisioned with less --backdate-days) and readings measured before that are refused: the cohort starts at the registration and cannot run ahead of real time (docs/simulator.md)',
    );
  }
  const plans = planCohort({ count: devices.length, seed, mix: options.mix, startMs: simStartMs, days: options.days, utcOffsetMinutes });
  const clock = createSimClock(simStartMs, options.speed);
  const simEndMs = simStartMs + options.days * DAY_MS;
  options.truth?.write({
    type: 'run',
    seed,
    simStartAt: new Date(simStartMs).toISOString(),
    speed: options.speed,
    days: options.days,
    wallStartAt: new Date().toISOString(),
  });
  const handle = runCohort({
    mqttUrl: options.mqttUrl,
    devices,
    plans,
    clock,
    endMs: simEndMs,
    utcOffsetMinutes,
    ...(options.intervalMs === undefined ? {} : { intervalMs: options.intervalMs }),
    ...(options.skipSessions === undefined ? {} : { skipSessions: options.skipSessions }),
    ...(options.truth === undefined ? {} : { truth: options.truth }),
    ...(options.firstSeq === undefined ? {} : { firstSeq: options.firstSeq }),
    ...(options.onAcknowledged === undefined ? {} : { onAcknowledged: options.onAcknowledged }),
    log,
  });
  return { ...handle, devices, plans, simStartMs, simEndMs, backdateHonoured };
}
