import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { Logger } from 'pino';
import type { CreatePatientRequest } from '@rpm/contracts';
import { provisionFleet, runFleet, type DeviceCredentials, type FleetHandle } from '@rpm/simulators';

export interface DemoFleetOptions {
  /** where the demo devices' credentials are kept between runs (the data directory) */
  readonly stateFile: string;
  readonly apiUrl: string;
  readonly mqttUrl: string;
  readonly username: string;
  readonly password: string;
  readonly devices: number;
  readonly intervalMs: number;
  readonly log: Logger;
}

const DEMO_ENROLMENT: readonly Pick<CreatePatientRequest, 'programs' | 'spo2Target'>[] = [
  { programs: ['kidney_transplant'] },
  { programs: ['heart_failure'] },
  { programs: ['liver_transplant'] },
  { programs: ['hypertension', 'diabetes'] },
  { programs: ['heart_transplant'] },
  { programs: ['copd'], spo2Target: '88-92' },
  { programs: ['news2_general'] },
  { programs: ['diabetes'] },
];

/**
 * The simulated fleet `npm start` runs (RPM_SIM_DEVICES). Its patients and devices are provisioned once through the
 * API and reused on later starts, so restarting does not pile up demo patients.
 */
export class DemoFleet {
  private readonly options: DemoFleetOptions;
  private handle: FleetHandle | undefined;

  constructor(options: DemoFleetOptions) {
    this.options = options;
  }

  async start(): Promise<void> {
    const o = this.options;
    const known = await this.knownDevices();
    const missing = Math.max(0, o.devices - known.length);
    const created =
      missing === 0
        ? []
        : await provisionFleet({
            apiUrl: o.apiUrl,
            username: o.username,
            password: o.password,
            devices: missing,
            log: o.log,
            // a transplant-centre and chronic-care mix, so every programme's rules are on show
            enrolment: (i) => DEMO_ENROLMENT[(known.length + i) % DEMO_ENROLMENT.length] ?? {},
          });
    const devices = [...known, ...created];
    writeFileSync(o.stateFile, JSON.stringify({ devices }, null, 2), { mode: 0o600 });
    this.handle = runFleet({
      mqttUrl: o.mqttUrl,
      devices: devices.slice(0, o.devices),
      intervalMs: o.intervalMs,
      seed: 1,
      desaturatingShare: 0.25,
      programme: (i) => DEMO_ENROLMENT[i % DEMO_ENROLMENT.length]?.programs?.[0],
      log: o.log,
    });
    o.log.info({ devices: o.devices, provisioned: created.length }, 'demo fleet running');
  }

  /** Devices from earlier runs whose patients still exist (the database may have been reset). */
  private async knownDevices(): Promise<DeviceCredentials[]> {
    const o = this.options;
    if (!existsSync(o.stateFile)) return [];
    let saved: DeviceCredentials[];
    try {
      saved = (JSON.parse(readFileSync(o.stateFile, 'utf8')) as { devices: DeviceCredentials[] }).devices;
    } catch {
      return [];
    }
    const login = await fetch(`${o.apiUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: o.username, password: o.password }),
    });
    if (!login.ok) return [];
    const { token } = (await login.json()) as { token: string };
    const list = await fetch(`${o.apiUrl}/api/v1/patients`, { headers: { authorization: `Bearer ${token}` } });
    if (!list.ok) return [];
    const ids = new Set(((await list.json()) as { patients: { id: string }[] }).patients.map((p) => p.id));
    return saved.filter((d) => ids.has(d.patientId));
  }

  async stop(): Promise<void> {
    await this.handle?.stop();
    this.handle = undefined;
  }
}
