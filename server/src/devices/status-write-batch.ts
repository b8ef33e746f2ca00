import type { Kysely } from 'kysely';
import type { DeviceStatusUpdate } from '@rpm/contracts';
import type { Database } from '../db/schema.ts';

/** How long a status write waits for others to share its commit: connects arrive spread over many event-loop turns. */
const BATCH_WINDOW_MS = 20;

/**
 * Device status writes (online, last seen, battery, …) grouped into one transaction per 20 ms. The
 * database commits with a full fsync (synchronous=FULL), so writing each connect's "online" on its own made a
 * reconnect storm cost one fsync per device, blocking the event loop: 4.5 ms of gateway time per connect, ~100
 * connects/s (profile of the capacity benchmark, test/bench/suite/b/README.md). Each caller still resolves only once
 * its update is committed.
 */
export class StatusWriteBatch {
  private readonly db: Kysely<Database>;
  private queue: { update: DeviceStatusUpdate; resolve: () => void; reject: (error: unknown) => void }[] = [];
  private scheduled = false;

  constructor(db: Kysely<Database>) {
    this.db = db;
  }

  write(update: DeviceStatusUpdate): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ update, resolve, reject });
      if (this.scheduled) return;
      this.scheduled = true;
      setTimeout(() => void this.flush(), BATCH_WINDOW_MS);
    });
  }

  private async flush(): Promise<void> {
    const batch = this.queue;
    this.queue = [];
    this.scheduled = false;
    try {
      await this.db.transaction().execute(async (tx) => {
        // in arrival order, so the last of a device's updates in the batch wins, as it would unbatched
        for (const { update } of batch) {
          await tx
            .updateTable('devices')
            .set({
              last_seen_at: update.at,
              ...(update.online === undefined ? {} : { online: update.online ? 1 : 0 }),
              ...(update.battery === undefined ? {} : { battery: update.battery }),
              ...(update.firmware === undefined ? {} : { firmware: update.firmware }),
              ...(update.model === undefined ? {} : { model: update.model }),
              ...(update.clockOffsetMs === undefined ? {} : { clock_offset_ms: update.clockOffsetMs }),
            })
            .where('id', '=', update.deviceId)
            .execute();
        }
      });
      for (const { resolve } of batch) resolve();
    } catch (error) {
      for (const { reject } of batch) reject(error);
    }
  }
}
