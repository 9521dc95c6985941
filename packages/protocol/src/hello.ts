import { z } from 'zod';
import { principalSchema } from './principal.js';
import { PROTOCOL_VERSION } from './version.js';

/** Sent by the server once a socket is connected and authenticated. */
export const helloSchema = z.object({
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
export type Hello = z.infer<typeof helloSchema>;

/** What a client puts in the Socket.IO handshake `auth` field. */
export const handshakeAuthSchema = z.object({
  token: z.string().max(8192).optional(),
  v: z.number().int().optional(),
});
export type HandshakeAuth = z.infer<typeof handshakeAuthSchema>;
