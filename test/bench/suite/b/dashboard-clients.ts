import { io, type Socket } from 'socket.io-client';
import type { Alert, ServerToClientEvents } from '@rpm/contracts';
import type { ApiClient } from '../../../harness/api-client.ts';
import { eventually } from '../../../harness/eventually.ts';

/** When each client received the first `alert:raised` of each patient (performance.now() of this process). */
export interface DashboardClients {
  readonly count: number;
  /** arrival times of the patient's first raised alert, one per client that got it so far */
  arrivals(patientId: string): readonly number[];
  close(): void;
}

/**
 * `count` real dashboard clients: clinicians of `teamId` created through the API, logged in, each with a
 * socket.io connection (websocket, as the dashboard uses) that the server joined to the team's room.
 */
export async function connectDashboardClients(admin: ApiClient, teamId: string, count: number): Promise<DashboardClients> {
  const arrivals = new Map<string, number[]>();
  const seen: Set<string>[] = [];
  const sockets: Socket<ServerToClientEvents>[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const username = `bench-clinician-${i}`;
      const password = `bench-password-${i}-for-the-latency-run`;
      await admin.expect(201, 'POST', '/users', { username, password, displayName: `Clinician ${i}`, role: 'clinician', teamId });
      const clinician = await admin.login(username, password);
      const socket: Socket<ServerToClientEvents> = io(admin.baseUrl, {
        auth: { token: clinician.token },
        transports: ['websocket'],
        reconnection: false,
      });
      const mine = new Set<string>();
      seen.push(mine);
      socket.on('alert:raised', (alert: Alert) => {
        const at = performance.now();
        // several rules may raise on one probe (a low SpO2 and the NEWS2 score): the first one counts
        if (mine.has(alert.patientId)) return;
        mine.add(alert.patientId);
        const list = arrivals.get(alert.patientId);
        if (list === undefined) arrivals.set(alert.patientId, [at]);
        else list.push(at);
      });
      sockets.push(socket);
    }
    await eventually(() => (sockets.every((s) => s.connected) ? true : undefined), 30_000, 'every dashboard client connected');
  } catch (error) {
    for (const s of sockets) s.disconnect();
    throw error;
  }
  return {
    count,
    arrivals: (patientId) => arrivals.get(patientId) ?? [],
    close: () => {
      for (const s of sockets) s.disconnect();
    },
  };
}
