// Some programs the harness starts (the Hive gateway, our gateway's bundle) cannot report the
// port they took, so the harness picks one for them.
import { createServer } from 'node:net';

/** A TCP port free at the time of asking (for programs that cannot report the one they took). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
