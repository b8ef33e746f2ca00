import type { DeviceIdentity } from '@rpm/contracts';

/**
 * Which authenticated device each MQTT client is, and how many live connections each device has (a device that
 * reconnects takes over its old session, so "offline" is only true when the last connection is gone).
 */
export class DeviceSessions {
  private readonly byClient = new WeakMap<object, DeviceIdentity>();
  private readonly connections = new Map<string, number>();

  bind(client: object, identity: DeviceIdentity): void {
    this.byClient.set(client, identity);
  }

  identityOf(client: object | null): DeviceIdentity | undefined {
    return client === null ? undefined : this.byClient.get(client);
  }

  /** @returns true when this is the device's first live connection */
  connected(deviceId: string): boolean {
    const n = (this.connections.get(deviceId) ?? 0) + 1;
    this.connections.set(deviceId, n);
    return n === 1;
  }

  /** @returns true when the device has no live connection left */
  disconnected(deviceId: string): boolean {
    const n = (this.connections.get(deviceId) ?? 1) - 1;
    if (n <= 0) this.connections.delete(deviceId);
    else this.connections.set(deviceId, n);
    return n <= 0;
  }

  get connectedDevices(): number {
    return this.connections.size;
  }
}
