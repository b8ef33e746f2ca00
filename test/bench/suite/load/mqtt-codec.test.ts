import { describe, expect, it } from 'vitest';
import {
  encodeConnect,
  encodePublishQos1,
  encodePuback,
  encodeTopic,
  PACKET,
  PacketReader,
  readPublish,
  type ParsedPacket,
} from './mqtt-codec.ts';

describe('the load generator’s MQTT codec', () => {
  it('encodes CONNECT with username, password and clean session as MQTT 3.1.1 [MQTT-3.1]', () => {
    const bytes = encodeConnect({ clientId: 'd1', username: 'd1', password: 'pw', clean: true });
    expect([...bytes]).toEqual([0x10, 22, 0, 4, 77, 81, 84, 84, 4, 0xc2, 0, 0, 0, 2, 100, 49, 0, 2, 100, 49, 0, 2, 112, 119]);
  });

  it('round-trips a QoS 1 PUBLISH whose remaining length needs two bytes, split across chunks', () => {
    const payload = Buffer.alloc(300, 'x');
    const bytes = encodePublishQos1(encodeTopic('rpm/v1/devices/d1/readings'), 513, payload);
    expect(bytes[0]).toBe(0x32);
    const packets: ParsedPacket[] = [];
    const reader = new PacketReader();
    reader.push(bytes.subarray(0, 2), (p) => packets.push(p));
    expect(packets).toHaveLength(0);
    reader.push(Buffer.concat([bytes.subarray(2), encodePuback(7)]), (p) => packets.push(p));
    expect(packets.map((p) => p.type)).toEqual([PACKET.publish, PACKET.puback]);
    const first = packets[0];
    if (first === undefined) throw new Error('no packet');
    expect(readPublish(first)).toEqual({ topic: 'rpm/v1/devices/d1/readings', packetId: 513, payload });
    expect(packets[1]?.body.readUInt16BE(0)).toBe(7);
  });
});
