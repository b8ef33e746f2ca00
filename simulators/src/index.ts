/** Public entry point of @rpm/simulators: the demo fleet, its parts, and the physiology behind it. */
export { startDemoFleet, type DemoFleet, type DemoFleetOptions } from './fleet/start-demo-fleet.ts';
export { runFleet, assignProfiles, FLEET_DEFAULTS, type FleetHandle, type FleetStats, type RunFleetOptions } from './fleet/run-fleet.ts';
export { FLEET_ENVIRONMENT, FLEET_NODE_FLAGS, hasFleetProcessSettings } from './fleet/fleet-process-settings.ts';
export {
  provisionFleet,
  PROVISION_DEFAULTS,
  type DeviceCredentials,
  type DeviceLogin,
  type ProvisionFleetOptions,
} from './fleet/provision-fleet.ts';
export {
  SimulatedDevice,
  DEVICE_DEFAULTS,
  type AcknowledgedMessage,
  type DeviceStats,
  type MeasureFn,
  type SimulatedDeviceOptions,
} from './device/simulated-device.ts';
export { DEFAULT_CADENCE, resolveCadence, typesDue, type Cadence } from './device/cadence.ts';
export { DEFAULT_BACKOFF, backoffDelayMs, type BackoffOptions } from './device/backoff.ts';
export { encodeReadingsMessage, toDeviceReading } from './device/encode-readings-message.ts';
export {
  createSimulatedPatient,
  drawBaseline,
  DEFAULT_UTC_OFFSET_MINUTES,
  PATIENT_PROFILES,
  type PatientProfile,
  type SimulatedPatient,
} from './physiology/simulated-patient.ts';
export { measureVitals } from './physiology/measure-vitals.ts';
export { trueVitals } from './physiology/true-vitals.ts';
export { desaturationScenario, DEFAULT_DESATURATION, type DesaturationOptions } from './physiology/desaturation-scenario.ts';
export type { Scenario, ScenarioSubject, VitalModifiers } from './physiology/scenario.ts';
export type { PhysiologicalVariable, VitalState } from './physiology/physiological-variables.ts';
export {
  startCohort,
  enrolCohort,
  runEnrolledCohort,
  type Cohort,
  type EnrolCohortOptions,
  type RunEnrolledCohortOptions,
  type StartCohortOptions,
} from './fleet/start-cohort.ts';
export {
  readFleetFile,
  writeNewFleetFile,
  saveLastSeqs,
  fleetFileProblems,
  FLEET_FILE_FORMAT,
  type FleetFile,
  type FleetFileDevice,
} from './fleet/fleet-file.ts';
export { parseSessionRecords, formatSessionRecord, toSessionRecord, type SessionRecord } from './replay/session-record.ts';
export { JsonLinesSessionRecording, readSessionRecording } from './replay/session-recording-file.ts';
export { shiftSessionToNow, type ShiftedSession } from './replay/shift-session.ts';
export { replaySession, type ReplayHandle, type ReplaySessionOptions } from './replay/replay-session.ts';
export { runCohort, COHORT_DEFAULTS, type CohortHandle, type RunCohortOptions } from './fleet/run-cohort.ts';
export { planCohort, type CohortPatientPlan, type PlanCohortOptions } from './cohort/plan-cohort.ts';
export { parseMix, scenarioCounts, type ScenarioMix } from './cohort/parse-mix.ts';
export { SCENARIOS, SCENARIO_IDS, type ScenarioId, type ScenarioSpec } from './cohort/scenario-catalogue.ts';
export { createSimClock, type SimClock } from './cohort/sim-clock.ts';
export { JsonLinesTruthFile, parseTruth, readTruthFile, type TruthRecord, type TruthSink } from './cohort/ground-truth.ts';
export { evaluateAlerts, ruleMatches, type AlertLike, type Evaluation, type ScenarioEvaluation } from './cohort/evaluate-alerts.ts';
export { evaluateCohort, type EvaluateCohortOptions } from './cohort/evaluate-cohort.ts';
export { formatEvaluation } from './cohort/format-evaluation.ts';
export { CLINICAL_SCENARIOS, clinicalScenario, type ClinicalScenarioId } from './physiology/clinical-scenarios.ts';
export { PROGRAMME_PHYSIOLOGY, type ProgrammePhysiology } from './physiology/programme-physiology.ts';
export { sessionsBetween, type MeasurementSchedule, type MeasurementSession } from './physiology/measurement-schedule.ts';
export { malformedPayload, type DeviceFaults } from './device/device-faults.ts';
export { SimulatorError, SIM_ERRORS, type SimErrorCode } from './errors.ts';
export { silentLogger, type SimLogger } from './logger.ts';
