import type { Client, Subscription } from 'aedes';
import { deviceTopics } from '@rpm/contracts';
import type { DeviceSessions } from '../ingest/device-sessions.ts';

/**
 * A device may subscribe to its own commands topic and nothing else: no wildcards, no other device, no $SYS.
 * A refused subscription gets SUBACK 0x80 [MQTT-3.9.3-2] rather than a dropped connection.
 */
export function authorizeSubscribe(sessions: DeviceSessions) {
  return (client: Client, subscription: Subscription, done: (error: Error | null, subscription?: Subscription | null) => void): void => {
    const identity = sessions.identityOf(client);
    if (identity !== undefined && subscription.topic === deviceTopics.commands(identity.deviceId)) {
      done(null, subscription);
      return;
    }
    done(null, null);
  };
}
