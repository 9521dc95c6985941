import type { Principal } from './principal.js';
import type { PROTOCOL_VERSION } from './version.js';

/** Sent by the server on `opwire:hello` once a socket is connected and authenticated. */
export type Hello = {
  /** {@link PROTOCOL_VERSION}. */
  v: typeof PROTOCOL_VERSION;
  /** The store's epoch; it changes when the server lost its operation history. */
  epoch: string;
  /** Who the server took the socket to be; `null` for an anonymous socket. */
  principal: Principal | null;
  /** Rooms the socket was placed in at connect. */
  rooms: string[];
  /** When the socket's credentials expire (ms since the Unix epoch), or `null` when they do not. */
  expiresAt: number | null;
  /** The server's clock at sending, ms since the Unix epoch, to correct for clock skew. */
  serverTime: number;
};

/** What a client puts in the Socket.IO handshake `auth` field. */
export type HandshakeAuth = {
  /** The bearer token, at most 8192 characters; absent for an anonymous connection. */
  token?: string | undefined;
  /**
   * The client's {@link PROTOCOL_VERSION}; a server refuses another major with
   * `unsupported_version`.
   */
  v?: number | undefined;
};
