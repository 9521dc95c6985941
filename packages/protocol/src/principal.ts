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
