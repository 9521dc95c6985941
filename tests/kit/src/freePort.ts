import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

const LOWEST_PORT = 10_000;
const ATTEMPTS = 100;

/**
 * A TCP port on 127.0.0.1 that nothing listens on right now.
 *
 * It is drawn below the kernel's ephemeral range: a port from that range can
 * be taken as the local end of an outgoing connection between this probe and
 * the server's own bind, or while a test restarts a server on it.
 */
export async function freePort(): Promise<number> {
  const ceiling = firstEphemeralPort();
  if (ceiling === undefined) return kernelChosenPort();
  for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
    const port = LOWEST_PORT + Math.floor(Math.random() * (ceiling - LOWEST_PORT));
    if (await canListen(port)) return port;
  }
  throw new Error(`found no free port between ${LOWEST_PORT} and ${ceiling} in ${ATTEMPTS} tries`);
}

/** The lowest port Linux gives outgoing connections, or `undefined` when unknown or too low to stay under. */
function firstEphemeralPort(): number | undefined {
  try {
    const low = Number(
      readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').split(/\s+/)[0],
    );
    return Number.isInteger(low) && low > LOWEST_PORT + 1_000 ? low : undefined;
  } catch {
    return undefined;
  }
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

function kernelChosenPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('could not read the port of a probe server'));
      });
    });
  });
}
