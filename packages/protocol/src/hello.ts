import { z } from 'zod';
import { type Principal, principalSchema } from './principal.js';
import type { ExactSchema } from './typeChecks.js';
import { PROTOCOL_VERSION } from './version.js';

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

const helloObject = z.object({
  v: z.literal(PROTOCOL_VERSION),
  /** The store's epoch; it changes when the server lost its operation history. */
  epoch: z.string(),
  principal: principalSchema.nullable(),
  /** Rooms the socket was placed in at connect. */
  rooms: z.array(z.string()),
  /** When the socket's credentials expire (ms since the epoch), if they do. */
  expiresAt: z.number().nullable(),
  serverTime: z.number(),
});

/** Validates a {@link Hello}. */
export const helloSchema: z.ZodType<Hello, Hello> = helloObject satisfies ExactSchema<
  typeof helloObject,
  Hello
>;

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

const handshakeAuthObject = z.object({
  token: z.string().max(8192).optional(),
  v: z.number().int().optional(),
});

/** Validates a {@link HandshakeAuth}. */
export const handshakeAuthSchema: z.ZodType<HandshakeAuth, HandshakeAuth> =
  handshakeAuthObject satisfies ExactSchema<typeof handshakeAuthObject, HandshakeAuth>;
