import type { Principal } from './principal.js';
import type { ReadableProtocolVersion } from './version.js';

/** Sent by the server on `opwire:hello` once a socket is connected and authenticated. */
export type Hello = {
  /** The protocol version the server speaks: 2, or 1 for a server of the previous release. */
  v: ReadableProtocolVersion;
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
   * The version the client announces: `HANDSHAKE_VERSION` (1), which servers of
   * version 1 require.
   */
  v?: number | undefined;
  /**
   * The highest protocol version the client reads. A server of version 2 refuses a client
   * whose highest version is 1 with `unsupported_version`.
   */
  vmax?: number | undefined;
};
