import { provisionFleet, type ProvisionFleetOptions, type DeviceCredentials } from './provision-fleet.ts';
import { runFleet, type FleetHandle, type RunFleetOptions } from './run-fleet.ts';

export interface DemoFleetOptions extends Omit<RunFleetOptions, 'devices'>, Omit<ProvisionFleetOptions, 'log'> {}

export interface DemoFleet extends FleetHandle {
  /** the enrolled patients and their devices (secrets included: keep them out of logs) */
  readonly devices: readonly DeviceCredentials[];
}

/**
 * Enrols `devices` patients with a device each through the API, then runs them. The platform's start command calls
 * this in-process for its demo fleet (RPM_SIM_DEVICES): it logs only through `log` and `stop()` ends cleanly.
 */
export async function startDemoFleet(options: DemoFleetOptions): Promise<DemoFleet> {
  const devices = await provisionFleet(options);
  const fleet = runFleet({ ...options, devices });
  return { ...fleet, devices };
}
