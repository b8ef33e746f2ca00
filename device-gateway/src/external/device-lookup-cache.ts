import type { DeviceIdentity } from '@rpm/contracts';
import type { DeviceDirectory } from '../ports.ts';

export interface DeviceLookupCacheOptions {
  /** how long an answer (found or not found) is reused; a deactivated device is refused at most this late */
  readonly ttlMs: number;
  /** entries kept before the cache starts over (bounds memory when many ids are probed) */
  readonly maxEntries: number;
  readonly now: () => number;
}

/**
 * DeviceDirectory.lookup with a short memory, for external-broker mode: the broker has authenticated the device, the
 * gateway only needs its patient and registration time, once per message. Failures are not cached.
 */
export class DeviceLookupCache {
  private readonly directory: Pick<DeviceDirectory, 'lookup'>;
  private readonly options: DeviceLookupCacheOptions;
  private readonly entries = new Map<string, { identity: DeviceIdentity | undefined; until: number }>();

  constructor(directory: Pick<DeviceDirectory, 'lookup'>, options: DeviceLookupCacheOptions) {
    this.directory = directory;
    this.options = options;
  }

  async lookup(deviceId: string): Promise<DeviceIdentity | undefined> {
    const now = this.options.now();
    const cached = this.entries.get(deviceId);
    if (cached !== undefined && cached.until > now) return cached.identity;
    const identity = await this.directory.lookup(deviceId);
    if (this.entries.size >= this.options.maxEntries) this.entries.clear();
    this.entries.set(deviceId, { identity, until: now + this.options.ttlMs });
    return identity;
  }
}
