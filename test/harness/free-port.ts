import { createServer, type AddressInfo } from 'node:net';

/** A TCP port the OS reports free on 127.0.0.1 (another process could still take it before the caller binds). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
