import { isDeviceId } from '../ids.ts';

/**
 * Device protocol v1 topics. A device publishes only under its own prefix and may subscribe only to its own
 * commands topic. See docs/device-protocol.md.
 */
export const TOPIC_ROOT = 'rpm/v1/devices';

export type DeviceTopicKind = 'readings' | 'status' | 'commands';

export const deviceTopics = {
  readings: (deviceId: string): string => `${TOPIC_ROOT}/${deviceId}/readings`,
  status: (deviceId: string): string => `${TOPIC_ROOT}/${deviceId}/status`,
  commands: (deviceId: string): string => `${TOPIC_ROOT}/${deviceId}/commands`,
} as const;

export interface ParsedDeviceTopic {
  readonly deviceId: string;
  readonly kind: DeviceTopicKind;
}

const KINDS: readonly DeviceTopicKind[] = ['readings', 'status', 'commands'];

/** Parses `rpm/v1/devices/{deviceId}/{kind}`; anything else (deeper, shallower, wildcards, bad id) is undefined. */
export function parseDeviceTopic(topic: string): ParsedDeviceTopic | undefined {
  const parts = topic.split('/');
  if (parts.length !== 5) return undefined;
  const [a, b, c, deviceId, kind] = parts;
  if (`${a ?? ''}/${b ?? ''}/${c ?? ''}` !== TOPIC_ROOT) return undefined;
  if (deviceId === undefined || !isDeviceId(deviceId)) return undefined;
  if (kind === undefined || !(KINDS as readonly string[]).includes(kind)) return undefined;
  return { deviceId, kind: kind as DeviceTopicKind };
}
