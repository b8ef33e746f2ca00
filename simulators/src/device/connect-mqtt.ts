import { createConnection } from 'node:net';
import { MqttClient, connect, type IClientOptions } from 'mqtt';

/**
 * mqtt.js' `connect`, optionally from a given local (source) address. One source address has ~28k ephemeral ports
 * towards one broker port (net.ipv4.ip_local_port_range); a fleet larger than that spreads its devices over several
 * loopback addresses (127.0.0.x). mqtt.js does not pass `localAddress` to `net`, so the TCP stream is built here;
 * plain `mqtt:`/`tcp:` URLs only.
 */
export function connectMqtt(url: string, options: IClientOptions, localAddress?: string): MqttClient {
  if (localAddress === undefined) return connect(url, options);
  const { protocol, hostname, port } = new URL(url);
  if (protocol !== 'mqtt:' && protocol !== 'tcp:') throw new RangeError(`a local address needs an mqtt: or tcp: URL, got ${url}`);
  const host = hostname.replace(/^\[|\]$/g, '');
  // Called again on every reconnect: each connection gets a fresh stream from the same source address.
  return new MqttClient(() => createConnection({ host, port: port === '' ? 1883 : Number(port), localAddress }), {
    ...options,
    protocol: 'mqtt',
  });
}
