import type { CanonicalReading } from '@rpm/contracts';
import { SimulatedDevice, type AcknowledgedMessage, type DeviceStats } from '../device/simulated-device.ts';
import { deviceScenarioFaults, poweredOff } from '../cohort/device-scenario-faults.ts';
import type { TruthSink } from '../cohort/ground-truth.ts';
import type { CohortPatientPlan } from '../cohort/plan-cohort.ts';
import { SCENARIOS } from '../cohort/scenario-catalogue.ts';
import type { SimClock } from '../cohort/sim-clock.ts';
import { silentLogger, type SimLogger } from '../logger.ts';
import { clinicalScenario, isClinicalScenarioId } from '../physiology/clinical-scenarios.ts';
import { sessionsBetween } from '../physiology/measurement-schedule.ts';
import { measureVitals } from '../physiology/measure-vitals.ts';
import { PROGRAMME_PHYSIOLOGY } from '../physiology/programme-physiology.ts';
import { DEFAULT_UTC_OFFSET_MINUTES, createSimulatedPatient } from '../physiology/simulated-patient.ts';
import { deriveSeed, mulberry32 } from '../random.ts';
import { aggregateStats } from './aggregate-stats.ts';
import type { DeviceCredentials } from './provision-fleet.ts';
import type { FleetHandle } from './run-fleet.ts';

export interface RunCohortOptions {
  readonly mqttUrl: string;
  /** enrolled devices, in plan order (device i measures plan i's patient) */
  readonly devices: readonly DeviceCredentials[];
  readonly plans: readonly CohortPatientPlan[];
  readonly clock: SimClock;
  /** simulated end of the cohort, epoch ms: `finished()` turns true there */
  readonly endMs: number;
  /** real time between a device's ticks, ms; each tick sends what was measured in simulated time since the last */
  readonly intervalMs?: number;
  readonly utcOffsetMinutes?: number;
  /** false: patients never skip a measuring session (tests that must see every event); default true */
  readonly skipSessions?: boolean;
  readonly truth?: TruthSink;
  /** seq of device i's first message (a fleet file's devices continue after their last one); default 1 */
  readonly firstSeq?: (index: number) => number | undefined;
  /** called with every readings message on its PUBACK (`run --record`) */
  readonly onAcknowledged?: (message: AcknowledgedMessage) => void;
  readonly log?: SimLogger;
}

export interface CohortHandle extends FleetHandle {
  /** simulated time now, epoch ms */
  simNow(): number;
  /** simulated time has reached the cohort's end */
  finished(): boolean;
}

export const COHORT_DEFAULTS = {
  intervalMs: 2_000,
  /** status (battery, clock) re-sent this often, real ms, so device faults are seen while they last */
  statusIntervalMs: 30_000,
  eventCheckMs: 250,
} as const;

const iso = (ms: number): string => new Date(ms).toISOString();

/**
 * Runs a planned cohort: every device measures its patient on the programme's home schedule in simulated time,
 * sends each tick's readings as one message, and plays its device scenario. Writes the ground truth as it goes.
 */
export function runCohort(options: RunCohortOptions): CohortHandle {
  const { clock, plans } = options;
  if (plans.length !== options.devices.length) throw new RangeError('one plan per device');
  const log = options.log ?? silentLogger;
  const truth: TruthSink = options.truth ?? { write: () => {} };
  const utcOffsetMinutes = options.utcOffsetMinutes ?? DEFAULT_UTC_OFFSET_MINUTES;
  const intervalMs = options.intervalMs ?? COHORT_DEFAULTS.intervalMs;
  const phase = mulberry32(deriveSeed(plans[0]?.seed ?? 0, 'tick-phase'));

  const devices = options.devices.map((credentials, index) => {
    const plan = plans[index] as CohortPatientPlan;
    truth.write({
      type: 'patient',
      patientId: credentials.patientId,
      deviceId: credentials.deviceId,
      index,
      scenario: plan.scenario,
      programme: plan.programme,
    });
    const scenario = plan.scenario;
    const patient = createSimulatedPatient({
      seed: plan.seed,
      profile: 'stable',
      programme: plan.programme,
      utcOffsetMinutes,
      scenarios: isClinicalScenarioId(scenario) && plan.onsetMs !== undefined ? [clinicalScenario(scenario, plan.onsetMs)] : [],
    });
    const faults = deviceScenarioFaults(plan, clock);
    const usual = PROGRAMME_PHYSIOLOGY[plan.programme].schedule;
    const schedule = options.skipSessions === false ? usual.map((habit) => ({ ...habit, skipShare: 0 })) : usual;
    let measuredUpTo = clock.startMs;
    const firstSeq = options.firstSeq?.(index);
    const measure = (): CanonicalReading[] => {
      const to = clock.now();
      const sessions = sessionsBetween(schedule, plan.seed, utcOffsetMinutes, measuredUpTo, to).filter((s) => !poweredOff(plan, s.atMs));
      measuredUpTo = to;
      const skew = faults.clockErrorMs();
      return sessions.flatMap((s) => measureVitals(patient, s.types, s.atMs).map((r) => ({ ...r, at: r.at + skew })));
    };
    return new SimulatedDevice({
      mqttUrl: options.mqttUrl,
      deviceId: credentials.deviceId,
      secret: credentials.secret,
      measure,
      intervalMs,
      firstTickDelayMs: Math.floor(phase() * intervalMs),
      utcOffsetMinutes,
      now: () => Date.now() + faults.clockErrorMs(),
      statusIntervalMs: COHORT_DEFAULTS.statusIntervalMs,
      faults,
      ...(firstSeq === undefined ? {} : { firstSeq }),
      ...(options.onAcknowledged === undefined ? {} : { onAcknowledged: options.onAcknowledged }),
      log,
    });
  });

  // Events are logged when the simulated clock passes their onset: the truth lists only what was injected.
  const pending = plans.map((plan, index) => ({ plan, index })).filter(({ plan }) => plan.onsetMs !== undefined);
  const logEvents = (): void => {
    const now = clock.now();
    for (let i = pending.length - 1; i >= 0; i--) {
      const entry = pending[i];
      if (entry === undefined || (entry.plan.onsetMs ?? Infinity) > now) continue;
      pending.splice(i, 1);
      const { plan, index } = entry;
      const credentials = options.devices[index] as DeviceCredentials;
      const spec = SCENARIOS[plan.scenario];
      truth.write({
        type: 'event',
        patientId: credentials.patientId,
        deviceId: credentials.deviceId,
        scenario: plan.scenario,
        kind: spec.kind,
        programme: plan.programme,
        onsetAt: iso(plan.onsetMs ?? now),
        onsetWallAt: iso(Date.now()),
        endAt: iso(plan.endMs ?? now),
        expectedRuleIds: spec.expectedRuleIds(plan.programme),
        relatedRuleIds: spec.relatedRuleIds,
      });
      log.info({ deviceId: credentials.deviceId, scenario: plan.scenario, onsetAt: iso(plan.onsetMs ?? now) }, 'scenario onset');
    }
  };
  const eventTimer = setInterval(logEvents, COHORT_DEFAULTS.eventCheckMs);
  const count = devices.length;
  const startTimers = devices.map((device, index) => setTimeout(() => device.start(), Math.floor((index / Math.max(1, count)) * 2_000)));
  log.info({ devices: count, simStartAt: iso(clock.startMs), speed: clock.speed }, 'simulated cohort starting');

  let stopping: Promise<void> | undefined;
  const deviceStats = (): DeviceStats[] => devices.map((d) => d.stats());
  return {
    deviceStats,
    stats: () => aggregateStats(deviceStats(), 0),
    simNow: () => clock.now(),
    finished: () => clock.now() >= options.endMs,
    stop: () => {
      stopping ??= (async () => {
        clearInterval(eventTimer);
        logEvents();
        for (const timer of startTimers) clearTimeout(timer);
        truth.write({ type: 'end', simEndAt: iso(Math.min(clock.now(), options.endMs)), wallEndAt: iso(Date.now()) });
        await Promise.all(devices.map((d) => d.stop()));
        log.info({ devices: count }, 'simulated cohort stopped');
      })();
      return stopping;
    },
  };
}
