/**
 * Major version of the wire contract. A client sends it in its handshake; a
 * server refuses a client whose major differs with `unsupported_version`.
 */
export const PROTOCOL_VERSION = 1 as const;

/** The type of {@link PROTOCOL_VERSION}. */
export type ProtocolVersion = typeof PROTOCOL_VERSION;
