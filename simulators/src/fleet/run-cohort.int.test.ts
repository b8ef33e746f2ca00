import { afterEach, describe, expect, it } from 'vitest';
import { OFFLINE_WILL_PAYLOAD, decodeReadingsMessage, statusMessageSchema } from '@rpm/contracts';
import type { TruthRecord } from '../cohort/ground-truth.ts';
import type { CohortPatientPlan } from '../cohort/plan-cohort.ts';
import { SCENARIOS, type ScenarioId } from '../cohort/scenario-catalogue.ts';
import { createSimClock } from '../cohort/sim-clock.ts';
import { deriveSeed } from '../random.ts';
import { startTestBroker, waitFor, type TestBroker } from '../testing/start-test-broker.ts';
import { runCohort, type CohortHandle } from './run-cohort.ts';

const H = 3_600_000;
const scenarios: ScenarioId[] = ['rural_connectivity', 'duplicate_uploads', 'faulty_firmware', 'low_battery', 'clock_skew', 'infection'];
const devices = scenarios.map((s, i) => ({
  deviceId: `cohort-dev-${i}`,
  secret: `cohort-secret-${i}`,
  patientId: `p-${s}`,
  patientName: s,
}));
const credentials = new Map(devices.map((d) => [d.deviceId, d.secret]));

let broker: TestBroker | undefined;
let cohort: CohortHandle | undefined;
afterEach(async () => {
  await cohort?.stop();
  await broker?.close();
  cohort = undefined;
  broker = undefined;
});

describe('runCohort against a real broker (aedes)', () => {
  it('plays two simulated days in seconds: device faults on the wire, readings in simulated time, ground truth logged', async () => {
    const b = (broker = await startTestBroker({ credentials }));
    const realStart = Date.now();
    const simStart = realStart - 2 * 24 * H;
    // the rural gap starts at 08:00 Almaty (UTC+5), whatever the time of day the test runs: its 8 hours then fall in
    // the measuring day, not at night when nobody measures; the other scenarios start 3 h into the run
    const ruralOnsetMs = ((t: number): number => {
      const localMidnight = Math.floor((t + 5 * H) / (24 * H)) * 24 * H - 5 * H;
      const eight = localMidnight + 8 * H;
      return eight >= t ? eight : eight + 24 * H;
    })(simStart + H);
    const plans: CohortPatientPlan[] = scenarios.map((scenario, index) => ({
      index,
      seed: deriveSeed(9, index),
      scenario,
      programme: scenario === 'infection' ? 'kidney_transplant' : 'hypertension',
      spo2Target: undefined,
      onsetMs: scenario === 'rural_connectivity' ? ruralOnsetMs : simStart + 3 * H,
      endMs: (scenario === 'rural_connectivity' ? ruralOnsetMs : simStart + 3 * H) + SCENARIOS[scenario].durationMs,
    }));
    const truth: TruthRecord[] = [];
    // 2 simulated days in ~9 s: 1 real second is 5.6 simulated hours
    const clock = createSimClock(simStart, 20_000);
    const c = (cohort = runCohort({
      mqttUrl: b.url,
      devices,
      plans,
      clock,
      endMs: realStart,
      intervalMs: 100,
      truth: { write: (r) => truth.push(r) },
    }));
    await waitFor(() => c.finished(), 'simulated time to reach now', 30_000);
    await waitFor(() => c.stats().pending === 0, 'every backlog delivered', 15_000);
    await c.stop();

    // ground truth: one patient line each, one event each (every onset passed), and the end
    expect(truth.filter((r) => r.type === 'patient')).toHaveLength(devices.length);
    const events = truth.filter((r) => r.type === 'event');
    expect(events.map((e) => e.scenario).sort()).toEqual([...scenarios].sort());
    expect(events.find((e) => e.scenario === 'infection')).toMatchObject({ kind: 'clinical', expectedRuleIds: ['fever'] });
    expect(truth.at(-1)?.type).toBe('end');

    const readingsOf = (i: number) => b.received.filter((m) => m.deviceId === devices[i]!.deviceId && m.kind === 'readings');
    const statusesOf = (i: number) =>
      b.received.filter((m) => m.deviceId === devices[i]!.deviceId && m.kind === 'status').map((m) => m.payload);

    // measurement times are simulated: spread over the two days, never ahead of real time
    const decoded = readingsOf(5).map((m) => decodeReadingsMessage(Buffer.from(m.payload)));
    const times = decoded.flatMap((d) => (d.ok ? d.accepted.map((r) => r.at) : []));
    // (the first home measurement may wait out a night: 20:00 → 07:00 local at most)
    expect(Math.min(...times)).toBeLessThan(simStart + 12 * H);
    expect(Math.max(...times)).toBeGreaterThan(realStart - 12 * H);
    expect(Math.max(...times)).toBeLessThanOrEqual(Date.now());
    // infection: a fever in the kidney patient's readings after the onset
    expect(decoded.some((d) => d.ok && d.accepted.some((r) => r.type === 'body_temperature' && r.value >= 37.8))).toBe(true);

    // rural connectivity: the link drops (the broker publishes the will), then the gap arrives as one upload
    expect(statusesOf(0)).toContain(OFFLINE_WILL_PAYLOAD);
    const spans = readingsOf(0).map((m) => {
      const d = decodeReadingsMessage(Buffer.from(m.payload));
      const at = d.ok ? d.accepted.map((r) => r.at) : [0];
      return Math.max(...at) - Math.min(...at);
    });
    expect(Math.max(...spans)).toBeGreaterThan(H);

    // duplicate uploads: the same seq published twice
    const seqs = readingsOf(1).map((m) => m.seq);
    expect(new Set(seqs).size).toBeLessThan(seqs.length);
    expect(c.deviceStats()[1]!.duplicated).toBeGreaterThan(0);

    // faulty firmware: some payloads the gateway's decoder refuses
    const refused = readingsOf(2).filter((m) => {
      const d = decodeReadingsMessage(Buffer.from(m.payload));
      return !d.ok || d.rejected.length > 0;
    });
    expect(refused.length).toBeGreaterThan(0);

    // low battery: a status under the device_battery_low limit (20 %)
    const batteries = statusesOf(3).flatMap((p) => {
      const s = statusMessageSchema.safeParse(JSON.parse(p));
      return s.success && s.data.battery !== undefined ? [s.data.battery] : [];
    });
    expect(Math.min(...batteries)).toBeLessThan(20);

    // clock skew: a status whose clock is ~12 minutes behind
    const offsets = statusesOf(4).flatMap((p) => {
      const s = statusMessageSchema.safeParse(JSON.parse(p));
      return s.success && s.data.clock !== undefined ? [Date.parse(s.data.clock) - Date.now()] : [];
    });
    expect(Math.min(...offsets)).toBeLessThan(-10 * 60_000);
  });
});
