// The security suite's side of the server process: start it, ask it, connect to it.
import type { Hello } from '@opwire/protocol';
import { forkBundled, type TestProcess } from '@opwire/test-kit/forkBundled';
import { signToken, type TokenClaims } from '@opwire/test-kit/tokens';
import { waitFor } from '@opwire/test-kit/waitFor';
import { io, type Socket } from 'socket.io-client';
import type { SecurityConfig } from './securityServer.js';

export const SOCKET_PATH = '/opwire/socket.io';

export interface Target {
  url: string;
  process: TestProcess;
  ask<T = Record<string, unknown>>(type: string, extra?: Record<string, unknown>): Promise<T>;
  /** Starts an operation with `events` progress events and waits until they are stored. */
  operation(
    audience: Record<string, unknown>,
    events?: number,
    messageBytes?: number,
  ): Promise<string>;
  policyCalls(): Promise<number>;
  kill(): Promise<void>;
}

export async function startTarget(config: SecurityConfig = {}): Promise<Target> {
  const child = await forkBundled(new URL('./securityServer.ts', import.meta.url), {
    OPWIRE_SECURITY: JSON.stringify(config),
  });
  const url = (await child.next('ready', {}, 30_000)).url as string;
  const ask = async <T>(type: string, extra: Record<string, unknown> = {}) => {
    child.send({ type, ...extra });
    return (await child.next(type, {}, 60_000)) as T;
  };
  return {
    url,
    process: child,
    ask,
    async operation(audience, events = 0, messageBytes = 10) {
      const answer = await ask<{ id: string }>('operation', { audience, events, messageBytes });
      return answer.id;
    },
    async policyCalls() {
      return (await ask<{ policyCalls: number }>('counters')).policyCalls;
    },
    kill: () => child.kill(),
  };
}

export function token(claims: TokenClaims): string {
  return signToken(claims, { expiresInSec: 3600 });
}

export interface ConnectOptions {
  auth?: Record<string, unknown>;
  namespace?: string;
  transports?: Array<'websocket' | 'polling'>;
  extraHeaders?: Record<string, string>;
}

/** A raw Socket.IO client. */
export function socketTo(url: string, options: ConnectOptions = {}): Socket {
  return io(`${url}${options.namespace ?? ''}`, {
    path: SOCKET_PATH,
    auth: options.auth ?? {},
    transports: options.transports ?? ['websocket'],
    reconnection: false,
    forceNew: true,
    ...(options.extraHeaders ? { extraHeaders: options.extraHeaders } : {}),
  });
}

/** Resolves with 'connected', or with the connect error's `data` (or its message). */
export function outcome(socket: Socket): Promise<unknown> {
  return new Promise((resolve) => {
    socket.once('connect', () => resolve('connected'));
    socket.once('connect_error', (error: Error & { data?: unknown }) =>
      resolve(error.data ?? error.message),
    );
  });
}

const hellos = new WeakMap<Socket, Hello>();

/** Connects as `claims` and waits for opwire's hello. */
export async function connectAs(
  url: string,
  claims: TokenClaims,
  options: Omit<ConnectOptions, 'auth'> = {},
): Promise<Socket> {
  const socket = socketTo(url, { ...options, auth: { token: token(claims), v: 1, vmax: 2 } });
  socket.once('opwire:hello', (hello: Hello) => hellos.set(socket, hello));
  await waitFor(() => hellos.has(socket), `hello for ${claims.sub}`, 10_000);
  return socket;
}

/** The hello a socket from {@link connectAs} got. */
export function helloOf(socket: Socket): Hello {
  const hello = hellos.get(socket);
  if (hello === undefined) throw new Error('this socket got no hello');
  return hello;
}

/** Sends a request and waits for its acknowledgement. */
export function request<T = Record<string, unknown>>(
  socket: Socket,
  event: string,
  body: unknown,
): Promise<T> {
  return socket.timeout(20_000).emitWithAck(event, body);
}
