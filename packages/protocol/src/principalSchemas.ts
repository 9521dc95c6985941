import { z } from 'zod';
import type { Principal } from './principal.js';
import type { ExactSchema } from './typeChecks.js';

const principalObject = z.object({
  userId: z.string(),
  tenantId: z.string().optional(),
  roles: z.array(z.string()),
});

/** Validates a {@link Principal}. */
export const principalSchema: z.ZodType<Principal, Principal> =
  principalObject satisfies ExactSchema<typeof principalObject, Principal>;
