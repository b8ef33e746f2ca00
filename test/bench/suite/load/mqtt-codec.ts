// The few MQTT 3.1.1 packets the load generator needs, encoded and parsed by hand: mqtt.js spends tens of µs of CPU
// per message, which on a shared 2-core machine would make the load generator the bottleneck being measured
// (ARCHITECTURE §8: 30–50k msg/s with mqtt.js publishers, 110k with a light one).

export const PACKET = { connack: 2, publish: 3, puback: 4, suback: 9, pingresp: 13 } as const;

/** [MQTT-2.2.3] remaining length: 7 bits per byte, high bit = more bytes follow. */
function remainingLength(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n % 128;
    n = Math.floor(n / 128);
    if (n > 0) byte |= 0x80;
    out.push(byte);
  } while (n > 0);
  return out;
}

function packet(first: number, body: Buffer): Buffer {
  return Buffer.concat([Buffer.from([first, ...remainingLength(body.length)]), body]);
}

function utf8(s: string): Buffer {
  const bytes = Buffer.from(s, 'utf8');
  const out = Buffer.allocUnsafe(2 + bytes.length);
  out.writeUInt16BE(bytes.length, 0);
  bytes.copy(out, 2);
  return out;
}

/** [MQTT-3.1] CONNECT, protocol level 4; keep-alive 0 switches the broker's idle timeout off [MQTT-3.1.2.10]. */
export function encodeConnect(o: { clientId: string; username?: string; password?: string; clean: boolean }): Buffer {
  let flags = o.clean ? 0x02 : 0;
  const payload = [utf8(o.clientId)];
  if (o.username !== undefined) {
    flags |= 0x80;
    payload.push(utf8(o.username));
  }
  if (o.password !== undefined) {
    flags |= 0x40;
    payload.push(utf8(o.password));
  }
  return packet(0x10, Buffer.concat([utf8('MQTT'), Buffer.from([4, flags, 0, 0]), ...payload]));
}

/** [MQTT-3.3] PUBLISH at QoS 1 (fixed header 0x32) with the topic already encoded (it never changes per device). */
export function encodePublishQos1(topic: Buffer, packetId: number, payload: Buffer): Buffer {
  const bodyLength = topic.length + 2 + payload.length;
  const header = remainingLength(bodyLength);
  const out = Buffer.allocUnsafe(1 + header.length + bodyLength);
  out[0] = 0x32;
  let at = 1;
  for (const b of header) out[at++] = b;
  at += topic.copy(out, at);
  out.writeUInt16BE(packetId, at);
  payload.copy(out, at + 2);
  return out;
}

export function encodeTopic(topic: string): Buffer {
  return utf8(topic);
}

export function encodePuback(packetId: number): Buffer {
  return Buffer.from([0x40, 2, packetId >> 8, packetId & 0xff]);
}

/** [MQTT-3.8] SUBSCRIBE one filter at QoS 1. */
export function encodeSubscribe(packetId: number, filter: string): Buffer {
  const id = Buffer.from([packetId >> 8, packetId & 0xff]);
  return packet(0x82, Buffer.concat([id, utf8(filter), Buffer.from([1])]));
}

export const DISCONNECT = Buffer.from([0xe0, 0]);

export interface ParsedPacket {
  readonly type: number;
  readonly flags: number;
  readonly body: Buffer;
}

/** Splits a byte stream into packets; keeps an incomplete tail for the next chunk. */
export class PacketReader {
  private buffer: Buffer = Buffer.alloc(0);

  push(chunk: Buffer, onPacket: (p: ParsedPacket) => void): void {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    let at = 0;
    for (;;) {
      if (this.buffer.length - at < 2) break;
      let length = 0;
      let multiplier = 1;
      let i = at + 1;
      let complete = false;
      while (i < this.buffer.length && i < at + 5) {
        const byte = this.buffer[i++] ?? 0;
        length += (byte & 0x7f) * multiplier;
        multiplier *= 128;
        if ((byte & 0x80) === 0) {
          complete = true;
          break;
        }
      }
      if (!complete || i + length > this.buffer.length) break;
      const first = this.buffer[at] ?? 0;
      onPacket({ type: first >> 4, flags: first & 0x0f, body: this.buffer.subarray(i, i + length) });
      at = i + length;
    }
    this.buffer = at === this.buffer.length ? Buffer.alloc(0) : this.buffer.subarray(at);
  }
}

/** The topic and packet id of a received QoS 1 PUBLISH. */
export function readPublish(p: ParsedPacket): { topic: string; packetId: number; payload: Buffer } {
  const topicLength = p.body.readUInt16BE(0);
  const topic = p.body.toString('utf8', 2, 2 + topicLength);
  const qos = (p.flags >> 1) & 3;
  const packetId = qos > 0 ? p.body.readUInt16BE(2 + topicLength) : 0;
  return { topic, packetId, payload: p.body.subarray(2 + topicLength + (qos > 0 ? 2 : 0)) };
}
