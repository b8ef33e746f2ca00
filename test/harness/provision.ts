import type { CreateDeviceResponse, ProgrammeId } from '@rpm/contracts';
import type { ApiClient } from './api-client.ts';

export interface ProvisionedDevice extends CreateDeviceResponse {
  readonly patientId: string;
  readonly teamId: string;
}

/** A care team, a patient in it (in the given programmes; none = the general NEWS2 pack) and a registered device, through the API as an admin. */
export async function provisionDevice(
  admin: ApiClient,
  name = 'Test patient',
  programs: readonly ProgrammeId[] = [],
): Promise<ProvisionedDevice> {
  const team = await admin.expect<{ id: string }>(201, 'POST', '/teams', { name: `${name} team` });
  const patient = await admin.expect<{ id: string }>(201, 'POST', '/patients', { name, teamId: team.id, programs });
  const device = await admin.expect<CreateDeviceResponse>(201, 'POST', `/patients/${patient.id}/devices`, { model: 'oracle' });
  return { ...device, patientId: patient.id, teamId: team.id };
}
