import { z } from 'zod';

/** Who a socket or HTTP caller is, as derived from its credentials. */
export const principalSchema = z.object({
  userId: z.string(),
  tenantId: z.string().optional(),
  roles: z.array(z.string()),
});
export type Principal = z.infer<typeof principalSchema>;
