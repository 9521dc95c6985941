/**
 * Version of the wire contract this release speaks. Version 2 sends operation events as
 * compact frames on `opwire:op` (see `encodeOperationEvent`); version 1 sent them as
 * envelopes on `opwire:message`.
 */
export const PROTOCOL_VERSION = 2 as const;

/** The type of {@link PROTOCOL_VERSION}. */
export type ProtocolVersion = typeof PROTOCOL_VERSION;

/**
 * Versions of server messages this release reads: a client of version 2 reads what a
 * server (web node or worker) of version 1 sends, so that a rolling deploy keeps working.
 */
export const READABLE_PROTOCOL_VERSIONS = [1, 2] as const;

/** A version of server messages this release reads: one of {@link READABLE_PROTOCOL_VERSIONS}. */
export type ReadableProtocolVersion = (typeof READABLE_PROTOCOL_VERSIONS)[number];

/**
 * The `v` a client announces in its handshake. It stays 1, because a server of version 1
 * refuses any other; the client's own highest version goes in `vmax`.
 */
export const HANDSHAKE_VERSION = 1 as const;

/** Whether `value` is a version of server messages this release reads. */
export function isReadableProtocolVersion(value: unknown): value is ReadableProtocolVersion {
  return value === 1 || value === 2;
}

/**
 * Whether a server of this version accepts a client that announced `v` and `vmax` in its
 * handshake: one that reads version 2. A client that announces nothing (a hand-written
 * one) is accepted and must read what this version sends.
 */
export function acceptsClientVersions(v: number | undefined, vmax: number | undefined): boolean {
  if (v === undefined && vmax === undefined) return true;
  return (vmax ?? v ?? 0) >= PROTOCOL_VERSION && (v ?? 1) <= PROTOCOL_VERSION;
}
