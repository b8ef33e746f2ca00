import { createConnection, type Socket } from 'node:net';
import { connect as connectTls } from 'node:tls';

/** URL schemes a simulated device connects with: MQTT over TCP, or over TLS (no WebSockets: devices do not use them) */
export const DEVICE_URL_PROTOCOLS = ['mqtt:', 'tcp:', 'mqtts:', 'ssl:'] as const;

/**
 * One read buffer for every device's socket. By default Node allocates 64 KB for each read and shrinks it to what
 * arrived, and a fleet reads a 4-byte PUBACK per message on every socket. Reads are handled synchronously, so one
 * scratch buffer serves them all; the bytes are copied out before the next read can overwrite them. (Its effect on
 * RSS at 10,000 devices was within run-to-run noise; it saves the allocator work.)
 */
const SHARED_READ_BUFFER = Buffer.allocUnsafe(64 * 1024);

/**
 * A TCP (or TLS) connection to the broker of an mqtt:/tcp:/mqtts:/ssl: URL, optionally from a given source address.
 * Plain TCP reads go to `onBytes` through the shared read buffer (a view valid only during the call); TLS sockets
 * emit 'data' as usual (Node's `onread` option is for plain TCP only).
 */
export function openBrokerSocket(url: string, localAddress: string | undefined, onBytes: (bytes: Buffer) => void): Socket {
  const { protocol, hostname, port } = new URL(url);
  const host = hostname.replace(/^\[|\]$/g, '');
  const local = localAddress === undefined ? {} : { localAddress };
  switch (protocol) {
    case 'mqtt:':
    case 'tcp:':
      return createConnection({
        host,
        port: port === '' ? 1883 : Number(port),
        ...local,
        onread: {
          buffer: SHARED_READ_BUFFER,
          callback: (nread) => {
            onBytes(SHARED_READ_BUFFER.subarray(0, nread));
            return true; // keep reading
          },
        },
      });
    case 'mqtts:':
    case 'ssl:':
      return connectTls({ host, servername: host, port: port === '' ? 8883 : Number(port), ...local });
    default:
      throw new RangeError(`a simulated device connects over ${DEVICE_URL_PROTOCOLS.join(', ')}; got ${protocol}`);
  }
}
