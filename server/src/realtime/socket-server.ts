import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import type { Alert, ClientToServerEvents, ServerToClientEvents } from '@rpm/contracts';
import type { AlertEvent, AlertNotifier } from '../alerts/alert-notifier.ts';
import type { Session } from '../auth/session-store.ts';
import type { ServerContext } from '../context.ts';

interface SocketData {
  session: Session;
}

export type RealtimeServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

const ALL_PATIENTS_ROOM = 'all-patients';
const teamRoom = (teamId: string): string => `team:${teamId}`;
const sessionRoom = (sessionId: string): string => `session:${sessionId}`;

/**
 * socket.io on the HTTP server's port. The session is checked at the handshake (`auth: {token}`); rooms are joined
 * here, server-side, from the user's care teams — a client cannot ask to join anything. Each socket also sits in
 * its session's room, so logout or expiry drops it. Alerts are plain emits: `volatile` dropped alerts under load
 * (ARCHITECTURE §8).
 */
export class SocketServer implements AlertNotifier {
  private readonly ctx: ServerContext;
  private io: RealtimeServer | undefined;

  constructor(ctx: ServerContext) {
    this.ctx = ctx;
  }

  attach(http: HttpServer): void {
    const io: RealtimeServer = new Server(http, { serveClient: false, cors: { origin: false }, maxHttpBufferSize: 64 * 1024 });
    io.use((socket, next) => {
      const auth = socket.handshake.auth as { token?: unknown };
      const token = typeof auth.token === 'string' ? auth.token : '';
      this.ctx.sessions.verify(token).then(
        (session) => {
          if (session === undefined) {
            next(new Error('unauthorized'));
            return;
          }
          socket.data.session = session;
          next();
        },
        (error: unknown) => next(error instanceof Error ? error : new Error('session check failed')),
      );
    });
    io.on('connection', (socket) => {
      const { session } = socket.data;
      void this.joinRooms(socket.id, session).catch(() => socket.disconnect(true));
      const expiry = setTimeout(
        () => {
          socket.emit('session:ended', { reason: 'expired' });
          socket.disconnect(true);
        },
        Math.max(0, Math.min(session.expiresAt - Date.now(), 2 ** 31 - 1)),
      );
      socket.on('disconnect', () => clearTimeout(expiry));
    });
    this.io = io;
  }

  private async joinRooms(socketId: string, session: Session): Promise<void> {
    const socket = this.io?.sockets.sockets.get(socketId);
    if (socket === undefined) return;
    const teams = await this.ctx.access.visibleTeams(session.user);
    const rooms = [sessionRoom(session.id), ...(teams === 'all' ? [ALL_PATIENTS_ROOM] : teams.map(teamRoom))];
    await socket.join(rooms);
    await this.ctx.audit.record({
      actor: session.user,
      action: 'realtime.subscribe',
      channel: 'socket',
      outcome: 'allowed',
      detail: teams === 'all' ? 'all patients' : `${teams.length} teams`,
    });
  }

  notify(event: AlertEvent, alert: Alert, patientTeamIds: readonly string[]): void {
    this.io?.to([ALL_PATIENTS_ROOM, ...patientTeamIds.map(teamRoom)]).emit(event, alert);
  }

  get connectedSockets(): number {
    return this.io?.engine.clientsCount ?? 0;
  }

  /** Logout: tell the session's sockets and drop them. */
  endSession(sessionId: string): void {
    const room = this.io?.in(sessionRoom(sessionId));
    room?.emit('session:ended', { reason: 'logout' });
    room?.disconnectSockets(true);
  }

  async close(): Promise<void> {
    const io = this.io;
    this.io = undefined;
    if (io === undefined) return;
    io.disconnectSockets(true);
    // io.close() would also close the HTTP server, which fastify owns and closes itself.
    await new Promise<void>((resolve) => {
      io.engine.close();
      resolve();
    });
  }
}
