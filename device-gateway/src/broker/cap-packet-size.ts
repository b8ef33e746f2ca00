import type { Client } from 'aedes';

interface MqttPacketParser {
  _parseLength: () => boolean;
  packet: { length: number };
}

/**
 * Refuses an oversize MQTT packet as soon as its fixed header announces the size, before its payload is buffered.
 * aedes 1.2 has no packet-size limit, and mqtt-packet's parser waits for the whole packet: without this a device
 * could make the gateway buffer up to 256 MB per packet. This wraps the parser's `_parseLength` step (mqtt-packet
 * 9, a private method: the test "refuses an oversize packet before its payload" pins the behaviour).
 */
export function capPacketSize(client: Client, maxBytes: number, onOversize: (bytes: number) => void): void {
  const parser = (client as unknown as { _parser?: MqttPacketParser })._parser;
  if (parser === undefined || typeof parser._parseLength !== 'function') {
    throw new Error('aedes/mqtt-packet internals changed: cannot cap the packet size; check capPacketSize');
  }
  const parseLength = parser._parseLength.bind(parser);
  parser._parseLength = () => {
    const parsed = parseLength();
    if (parsed && parser.packet.length > maxBytes) {
      onOversize(parser.packet.length);
      client.conn.destroy();
      return false;
    }
    return parsed;
  };
}
