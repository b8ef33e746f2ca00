import { describe, expect, it } from 'vitest';
import { deviceTopics, parseDeviceTopic } from './topics.ts';

describe('device topics', () => {
  it('builds and parses the protocol v1 topics', () => {
    expect(deviceTopics.readings('dev-abc123')).toBe('rpm/v1/devices/dev-abc123/readings');
    expect(parseDeviceTopic('rpm/v1/devices/dev-abc123/readings')).toEqual({ deviceId: 'dev-abc123', kind: 'readings' });
    expect(parseDeviceTopic('rpm/v1/devices/dev-abc123/status')).toEqual({ deviceId: 'dev-abc123', kind: 'status' });
  });

  it.each([
    ['too deep', 'rpm/v1/devices/dev-abc123/readings/extra'],
    ['too shallow', 'rpm/v1/devices/dev-abc123'],
    ['wrong root', 'rpm/v2/devices/dev-abc123/readings'],
    ['wildcard id', 'rpm/v1/devices/+/readings'],
    ['unknown kind', 'rpm/v1/devices/dev-abc123/config'],
    ['control character in id', 'rpm/v1/devices/dev\u0000abc/readings'],
    ['homoglyph in id (Cyrillic а)', 'rpm/v1/devices/dev-\u0430bc123/readings'],
    ['10,000-character id', `rpm/v1/devices/${'a'.repeat(10_000)}/readings`],
    ['empty id', 'rpm/v1/devices//readings'],
    ['$SYS', '$SYS/broker/clients'],
  ])('refuses %s', (_name, topic) => {
    expect(parseDeviceTopic(topic)).toBeUndefined();
  });
});
