import {
  type ClientToServerEvents,
  HANDSHAKE_VERSION,
  type Hello,
  OpwireError,
  PROTOCOL_VERSION,
  type RequestEventName,
  readHello,
  type ServerToClientEvents,
  SOCKET_EVENTS,
} from '@opwire/protocol';
import { io, type Socket } from 'socket.io-client';
import { type ConnectionEvent, type ConnectionStatus, nextStatus } from './connectionStatus.js';
import { createListenerSet, type Unsubscribe } from './listenerSet.js';
import type { OpwireClientOptions } from './options.js';
import { createReauthScheduler } from './reauthScheduler.js';
import { type OkAckOf, parseAck, requestTransportError } from './requestAcks.js';
import { resolveToken } from './token.js';
import { createUnavailableRetry } from './unavailableRetry.js';

// `v` stays 1 so that servers of version 1 accept the client; `vmax` tells servers of
// version 2 that it reads their frames.
const VERSIONS = { v: HANDSHAKE_VERSION, vmax: PROTOCOL_VERSION };

/** A change of connection status, as `onStatusChange` listeners receive it. */
export interface StatusChangeEvent {
  /** The status before the change. */
  previous: ConnectionStatus;
  /** The status now. */
  status: ConnectionStatus;
}

/** What the connection tells the client, once it listens (see {@link Connection.listen}). Internal. */
export interface ConnectionHooks {
  /** The socket (re)connected: rejoin rooms and resume operations. */
  onConnected(): void;
  onHello(hello: Hello): void;
  /** The server says deliveries may have been missed: resume what is followed. */
  onResync(): void;
  onMessage(message: unknown): void;
  /** An operation event as a compact frame (a server of protocol version 2). */
  onOperationFrame(frame: unknown): void;
  /** A connection attempt failed for a reason other than refused credentials. */
  onAttemptFailed(): void;
  /** The server accepted a fresh token; its rooms may have changed. */
  onReauthenticated(rooms: readonly string[]): void;
}

/** What a connection reads of the client's options: every one but `autoConnect`. */
export type ConnectionOptions = Omit<OpwireClientOptions, 'autoConnect'>;

export interface Connection {
  readonly status: ConnectionStatus;
  readonly hello: Hello | null;
  onStatusChange(listener: (event: StatusChangeEvent) => void): Unsubscribe;
  /**
   * Sets where the connection's news go. Called once, before `connect()`: the client
   * creates the parts the hooks use after the connection they use.
   */
  listen(hooks: ConnectionHooks): void;
  connect(): void;
  close(): void;
  /** Sends a request and resolves with the server's successful acknowledgement. */
  request<E extends RequestEventName>(event: E, payload: object): Promise<OkAckOf<E>>;
  /** The current time on the server's clock, from the offset seen at hello. */
  serverNow(): number;
}

type TypedSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
type RawEmit = (
  event: string,
  payload: object,
  ack: (error: unknown, ack: unknown) => void,
) => void;

/**
 * The socket and everything about its life: status, credentials at every
 * (re)connect, re-authentication before expiry, reconnecting after the server
 * drops an expired session, and acknowledged requests. Reconnection with
 * backoff and jitter is Socket.IO's own. It stays closed until `connect()`.
 */
export function createConnection(
  options: ConnectionOptions,
  onError: (error: unknown) => void,
): Connection {
  const statusListeners = createListenerSet<StatusChangeEvent>(onError);
  let hooks: ConnectionHooks | null = null;
  let status: ConnectionStatus = 'disconnected';
  let hello: Hello | null = null;
  let clockOffset = 0;
  let authExpired = false;
  // Whether a session was fully set up (hello received) since the server last closed one: a
  // server that closes every new session must not be reconnected to in a tight loop.
  let helloSinceKick = true;
  let closed = true;

  const socketOptions = {
    path: options.path,
    autoConnect: false,
    forceNew: true,
    reconnection: options.reconnection,
    reconnectionAttempts: options.reconnectionAttempts,
    reconnectionDelay: options.reconnectionDelayMs,
    reconnectionDelayMax: options.reconnectionDelayMaxMs,
    randomizationFactor: options.randomizationFactor,
    timeout: options.connectTimeoutMs,
    ...(options.transports === undefined ? {} : { transports: [...options.transports] }),
    auth: (send: (data: object) => void) => {
      resolveToken(options.token).then(
        (token) => send(token === undefined ? VERSIONS : { token, ...VERSIONS }),
        (error: unknown) => {
          onError(
            new OpwireError(
              'unauthorized',
              'The token function threw; connecting without a token. Make it return a token or null.',
              {
                cause: error,
              },
            ),
          );
          send(VERSIONS);
        },
      );
    },
  };
  // Socket.IO reads the namespace from the path of the URL it is given.
  const target = `${options.url ?? ''}${options.namespace === '/' ? '' : options.namespace}`;
  const socket: TypedSocket = target === '' ? io(socketOptions) : io(target, socketOptions);

  const reauth = createReauthScheduler({
    marginMs: options.reauthMarginMs,
    serverNow,
    renewable: () => typeof options.token === 'function',
    async renew() {
      const token = await resolveToken(options.token);
      if (token === undefined) return null;
      const ack = await request(SOCKET_EVENTS.reauthenticate, { token });
      hooks?.onReauthenticated(ack.rooms);
      return ack.expiresAt;
    },
    onError,
  });

  const unavailableRetry = createUnavailableRetry({
    ...options,
    reconnect() {
      if (!closed && !socket.connected && !socket.active) socket.connect();
    },
  });

  function transition(event: ConnectionEvent): void {
    const previous = status;
    status = nextStatus(status, event);
    if (status !== previous) statusListeners.emit({ previous, status });
  }

  function serverNow(): number {
    return Date.now() + clockOffset;
  }

  socket.on('connect', () => {
    authExpired = false;
    hello = null;
  });

  // `connected` waits for the hello, so a listener of it already has the principal and epoch.
  function sessionReady(): void {
    if (!socket.connected || status === 'connected') return;
    transition({ type: 'connected' });
    hooks?.onConnected();
  }

  socket.on(SOCKET_EVENTS.resync, () => hooks?.onResync());

  socket.on(SOCKET_EVENTS.hello, (raw) => {
    const read = readHello(raw);
    if (read === undefined) {
      onError(
        new OpwireError(
          'invalid_payload',
          'The server sent a malformed hello; check that @opwire/server and @opwire/client versions match.',
        ),
      );
      sessionReady();
      return;
    }
    hello = read;
    helloSinceKick = true;
    unavailableRetry.reset();
    clockOffset = hello.serverTime - Date.now();
    reauth.schedule(hello.expiresAt);
    hooks?.onHello(hello);
    sessionReady();
  });

  socket.on(SOCKET_EVENTS.message, (message) => hooks?.onMessage(message));
  socket.on(SOCKET_EVENTS.operation, (...frames) => {
    for (const frame of frames) hooks?.onOperationFrame(frame);
  });

  socket.on(SOCKET_EVENTS.authExpired, () => {
    authExpired = true;
  });

  socket.on('disconnect', (reason) => {
    reauth.cancel();
    if (reason === 'io client disconnect') return;
    if (reason !== 'io server disconnect') {
      transition({ type: 'lost', willReconnect: socket.active });
      return;
    }
    // Socket.IO never reconnects after the server disconnected the socket, but an opwire server
    // does that when it shuts down (a restart, a deploy) and when a token expires. One new
    // attempt is made here; if it fails, Socket.IO's own backoff takes over from there.
    const expired = authExpired;
    const settledBefore = helloSinceKick;
    helloSinceKick = false;
    if (expired && typeof options.token !== 'function') {
      transition({ type: 'refused', code: 'unauthorized' });
      onError(
        new OpwireError(
          'unauthorized',
          'The token expired and a fixed token string cannot be renewed; pass `token` as a function that returns a fresh token, then call connect().',
        ),
      );
    } else if (!options.reconnection) {
      transition({ type: 'lost', willReconnect: false });
    } else if (expired || settledBefore) {
      transition({ type: 'lost', willReconnect: true });
      socket.connect();
    } else {
      transition({ type: 'lost', willReconnect: false });
      onError(
        new OpwireError(
          'disconnected',
          'The server closed the connection again right after accepting it; call connect() to try again.',
        ),
      );
    }
  });

  socket.on('connect_error', (error) => {
    const data: unknown = (error as { data?: unknown }).data;
    const code =
      typeof data === 'object' && data !== null ? (data as { code?: unknown }).code : undefined;
    if (code === 'unauthorized' || code === 'unsupported_version') {
      transition({ type: 'refused', code });
      onError(refusal(code, error.message));
      return;
    }
    if (code === 'unavailable') {
      // The server could not check the credentials or is shutting down: not a refusal.
      const willRetry = options.reconnection && unavailableRetry.schedule();
      transition({ type: 'attemptFailed', willReconnect: willRetry });
      hooks?.onAttemptFailed();
      return;
    }
    transition({ type: 'attemptFailed', willReconnect: socket.active });
    hooks?.onAttemptFailed();
  });

  socket.io.on('reconnect_failed', () => transition({ type: 'lost', willReconnect: false }));

  function request<E extends RequestEventName>(event: E, payload: object): Promise<OkAckOf<E>> {
    return new Promise((resolve, reject) => {
      if (closed) {
        reject(new OpwireError('closed', `The client is closed; call connect() before ${event}.`));
        return;
      }
      if (status === 'unauthorized') {
        reject(
          new OpwireError(
            'unauthorized',
            `The server refused the credentials, so ${event} cannot be sent; supply a valid token and call connect().`,
          ),
        );
        return;
      }
      const timeoutMs = options.requestTimeoutMs;
      // Socket.IO's typed emit cannot be called with a union of event names; the ack is
      // checked against the protocol's schema instead.
      const emit = socket.timeout(timeoutMs).emit as unknown as RawEmit;
      emit.call(socket, event, payload, (error, ack) => {
        if (error) reject(requestTransportError(event, error, timeoutMs));
        else {
          try {
            resolve(parseAck(event, ack));
          } catch (failure) {
            reject(failure);
          }
        }
      });
    });
  }

  const connection: Connection = {
    get status() {
      return status;
    },
    get hello() {
      return hello;
    },
    onStatusChange: (listener) => statusListeners.add(listener),
    listen(next) {
      hooks = next;
    },
    connect() {
      closed = false;
      if (socket.connected || socket.active) return;
      transition({ type: 'connect' });
      socket.connect();
    },
    close() {
      closed = true;
      reauth.cancel();
      unavailableRetry.cancel();
      socket.disconnect();
      transition({ type: 'close' });
    },
    request,
    serverNow,
  };
  return connection;
}

function refusal(code: 'unauthorized' | 'unsupported_version', message: string): OpwireError {
  if (code === 'unsupported_version') {
    return new OpwireError(
      'unsupported_version',
      `The server refused this client's protocol version (${message}); upgrade @opwire/client and @opwire/server to matching versions.`,
    );
  }
  return new OpwireError(
    'unauthorized',
    `The server refused the credentials (${message}); supply a valid token and call connect().`,
  );
}
