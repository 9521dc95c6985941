import { z } from 'zod';
import type { HandshakeAuth, Hello } from './hello.js';
import { principalSchema } from './principalSchemas.js';
import type { ExactSchema } from './typeChecks.js';

const helloObject = z.object({
  v: z.union([z.literal(1), z.literal(2)]),
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

const handshakeAuthObject = z.object({
  token: z.string().max(8192).optional(),
  v: z.number().int().optional(),
  vmax: z.number().int().optional(),
});

/** Validates a {@link HandshakeAuth}. */
export const handshakeAuthSchema: z.ZodType<HandshakeAuth, HandshakeAuth> =
  handshakeAuthObject satisfies ExactSchema<typeof handshakeAuthObject, HandshakeAuth>;
