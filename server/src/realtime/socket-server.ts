import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import type { Alert, ClientToServerEvents, ServerToClientEvents } from '@rpm/contracts';
import type { AlertEvent, AlertNotifier } from '../alerts/alert-notifier.ts';
import type { Session } from '../auth/session-store.ts';
import type { ServerContext } from '../context.ts';

interface SocketData {
  session: Session;
}

export type RealtimeServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type RealtimeSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

const ALL_PATIENTS_ROOM = 'all-patients';
const teamRoom = (teamId: string): string => `team:${teamId}`;
const sessionRoom = (sessionId: string): string => `session:${sessionId}`;
const userRoom = (userId: string): string => `user:${userId}`;
/** setTimeout's longest delay (2^31 - 1 ms, about 24.8 days); a longer one fires at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * socket.io on the HTTP server's port. The session is checked at the handshake (`auth: {token}`); rooms are joined
 * here, server-side, from the user's care teams — a client cannot ask to join anything. Each socket also sits in
 * its session's room, so logout drops it, and in its user's room, so a membership that ends takes it out of the
 * team's room at once, and revoking the user's sessions (disabled, password changed) drops it; a timer drops it when
 * its session expires. Alerts are plain emits: `volatile` dropped alerts
 * under load (ARCHITECTURE §8).
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
      void this.joinRooms(socket.id, socket.data.session).catch(() => socket.disconnect(true));
      dropAtExpiry(socket);
    });
    this.ctx.teams.onMemberRemoved = (teamId, userId) => this.leaveTeam(teamId, userId);
    this.ctx.sessions.onUserSessionsRevoked = (userId, keptSessionId) => this.endUserSessions(userId, keptSessionId);
    this.io = io;
  }

  private async joinRooms(socketId: string, session: Session): Promise<void> {
    const socket = this.io?.sockets.sockets.get(socketId);
    if (socket === undefined) return;
    const teams = await this.ctx.access.visibleTeams(session.user);
    const rooms = [sessionRoom(session.id), userRoom(session.user.id), ...(teams === 'all' ? [ALL_PATIENTS_ROOM] : teams.map(teamRoom))];
    await socket.join(rooms);
    // revoked between the handshake's check and the join above: endUserSessions() ran before the socket was in its room
    if (!(await this.ctx.sessions.isLive(session.id))) {
      socket.emit('session:ended', { reason: 'revoked' });
      socket.disconnect(true);
      return;
    }
    if (teams !== 'all') {
      // a membership that ended between the read above and the join: leaveTeam() ran before the socket was in the room
      const current = await this.ctx.access.visibleTeams(session.user);
      if (current !== 'all') for (const team of teams.filter((t) => !current.includes(t))) await socket.leave(teamRoom(team));
    }
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

  /** A user left a care team: their sockets leave its room now, so its next alert does not reach them. */
  leaveTeam(teamId: string, userId: string): void {
    this.io?.in(userRoom(userId)).socketsLeave(teamRoom(teamId));
  }

  /** Logout: tell the session's sockets and drop them. */
  endSession(sessionId: string): void {
    const room = this.io?.in(sessionRoom(sessionId));
    room?.emit('session:ended', { reason: 'logout' });
    room?.disconnectSockets(true);
  }

  /** A user's sessions were revoked (disabled, password changed or reset): drop their sockets but the kept session's. */
  endUserSessions(userId: string, keptSessionId: string | undefined): void {
    const all = this.io?.in(userRoom(userId));
    const room = keptSessionId === undefined ? all : all?.except(sessionRoom(keptSessionId));
    room?.emit('session:ended', { reason: 'revoked' });
    room?.disconnectSockets(true);
  }

  async close(): Promise<void> {
    const io = this.io;
    this.io = undefined;
    if (io === undefined) return;
    this.ctx.teams.onMemberRemoved = undefined;
    this.ctx.sessions.onUserSessionsRevoked = undefined;
    io.disconnectSockets(true);
    // io.close() would also close the HTTP server, which fastify owns and closes itself.
    await new Promise<void>((resolve) => {
      io.engine.close();
      resolve();
    });
  }
}

/** Tells the socket its session expired and drops it, at the session's expiry (re-armed past setTimeout's limit). */
function dropAtExpiry(socket: RealtimeSocket): void {
  let timer: NodeJS.Timeout | undefined;
  const check = (): void => {
    const leftMs = socket.data.session.expiresAt - Date.now();
    if (leftMs > 0) {
      timer = setTimeout(check, Math.min(leftMs, MAX_TIMER_MS));
      return;
    }
    socket.emit('session:ended', { reason: 'expired' });
    socket.disconnect(true);
  };
  check();
  socket.on('disconnect', () => clearTimeout(timer));
}
