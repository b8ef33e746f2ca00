import type { Socket } from 'socket.io-client';
import type { Alert, ServerToClientEvents } from '@rpm/contracts';

type AlertEventName = 'alert:raised' | 'alert:updated' | 'alert:resolved';

/**
 * The next alert event of this kind for which `match` holds (a reading can raise several rules' alerts, e.g. a low
 * SpO2 and the NEWS2 score it moves).
 */
export function nextAlert(socket: Socket<ServerToClientEvents>, event: AlertEventName, match: (a: Alert) => boolean): Promise<Alert> {
  return new Promise((resolve) => {
    const listener = (alert: Alert): void => {
      if (!match(alert)) return;
      socket.off(event, listener);
      resolve(alert);
    };
    socket.on(event, listener);
  });
}
