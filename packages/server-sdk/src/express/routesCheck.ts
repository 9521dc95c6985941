import { randomUUID } from 'node:crypto';
import { type Server as HttpServer, request as httpRequest } from 'node:http';
import { Server as HttpsServer, request as httpsRequest, type RequestOptions } from 'node:https';
import type { AddressInfo } from 'node:net';
import { OpwireError } from '@opwire/protocol';

/** The header of the request `checkRoutes()` sends, and of the answer opwire's router gives it. */
export const PROBE_HEADER = 'opwire-probe';

/** What `checkRoutes()` found. */
export type RoutesCheck =
  | {
      /** opwire's router answered the probe. */
      reached: true;
    }
  | {
      /** Something mounted before opwire's router answered the probe. */
      reached: false;
      /** The status of the answer that came instead, e.g. 200 from Swagger UI or 404 from a catch-all. */
      status: number;
      /** Its `Content-Type`, if any. */
      contentType: string | undefined;
      /** What answered instead and what to change, for a log line. */
      message: string;
    };

/**
 * A probe of the app's own server: a request to `{base}/operations` that
 * opwire's router recognises by a secret of this process and answers at once.
 * Any other answer means something mounted before opwire's router answered
 * it, so opwire's routes are shadowed.
 */
export class RoutesProbe {
  readonly secret = randomUUID();
  readonly #path: string;

  constructor(basePath: string) {
    this.#path = `${basePath}/operations`;
  }

  /** Whether a request is this probe. */
  isProbe(headers: Readonly<Record<string, string | string[] | undefined>>): boolean {
    return headers[PROBE_HEADER] === this.secret;
  }

  /** Sends the probe to the server once it listens, over the loopback interface. */
  async check(server: HttpServer | HttpsServer): Promise<RoutesCheck> {
    if (!server.listening) await new Promise((resolve) => server.once('listening', resolve));
    const address = server.address();
    if (address === null) throw new OpwireError('unavailable', 'The server does not listen.');
    const target =
      typeof address === 'string'
        ? { socketPath: address }
        : { host: loopback(address), port: address.port };
    const request = server instanceof HttpsServer ? httpsRequest : httpRequest;
    const options: RequestOptions = {
      ...target,
      path: this.#path,
      headers: { [PROBE_HEADER]: this.secret },
      // Its own connection, closed after the answer, so closing the server is not held up.
      agent: false,
      // The app's own certificate, on its own address: nothing is sent but the probe.
      rejectUnauthorized: false,
      timeout: 5_000,
    };
    return new Promise((resolve, reject) => {
      const probe = request(options, (answer) => {
        answer.resume();
        if (answer.headers[PROBE_HEADER] === this.secret) return resolve({ reached: true });
        const contentType = answer.headers['content-type'];
        resolve({
          reached: false,
          status: answer.statusCode ?? 0,
          contentType,
          message: `GET ${this.#path} was answered ${answer.statusCode} (${contentType ?? 'no content type'}) by a handler mounted before opwire's router (a catch-all, static files, Swagger UI at "/", an authentication or rate-limit middleware): opwire's HTTP routes are shadowed. Call opwireExpress(app, ...) before those.`,
        });
      });
      probe.once('timeout', () =>
        probe.destroy(new OpwireError('timeout', `The server did not answer GET ${this.#path}.`)),
      );
      probe.once('error', (error) => reject(OpwireError.from(error, 'unavailable')));
      probe.end();
    });
  }
}

function loopback(address: AddressInfo): string {
  if (address.address === '::') return '::1';
  if (address.address === '0.0.0.0') return '127.0.0.1';
  return address.address;
}
