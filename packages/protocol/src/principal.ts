import { z } from 'zod';
import type { ExactSchema } from './typeChecks.js';

/**
 * Who a socket or HTTP caller is, as derived from its credentials. It decides
 * the built-in rooms the caller is in: `user:{userId}`, and with a tenant,
 * `tenant:{tenantId}` plus `tenant:{tenantId}:role:{role}` for each role.
 */
export type Principal = {
  /** The user's id. */
  userId: string;
  /** The tenant the user acts in, for multi-tenant apps. */
  tenantId?: string | undefined;
  /** The user's roles; holders of the server's platform role are also in the `platform` room. */
  roles: string[];
};

const principalObject = z.object({
  userId: z.string(),
  tenantId: z.string().optional(),
  roles: z.array(z.string()),
});

/** Validates a {@link Principal}. */
export const principalSchema: z.ZodType<Principal, Principal> =
  principalObject satisfies ExactSchema<typeof principalObject, Principal>;
