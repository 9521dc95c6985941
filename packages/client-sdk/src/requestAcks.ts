import {
  ACK_READERS,
  type ClientToServerEvents,
  OpwireError,
  type RequestEventName,
  readFailedAck,
} from '@opwire/protocol';

/** The acknowledgement type of a request event. */
export type AckOf<E extends RequestEventName> = Parameters<
  Parameters<ClientToServerEvents[E]>[1]
>[0];

/** The successful half of a request's acknowledgement. */
export type OkAckOf<E extends RequestEventName> = Extract<AckOf<E>, { ok: true }>;

/**
 * Checks an acknowledgement against the protocol: the success
 * data, or an `OpwireError` with the server's code and message.
 */
export function parseAck<E extends RequestEventName>(event: E, ack: unknown): OkAckOf<E> {
  const failed = readFailedAck(ack);
  if (failed !== undefined) {
    const { code, message } = failed.error;
    throw new OpwireError(code, message, { details: { event } });
  }
  const read = ACK_READERS[event](ack);
  if (read === undefined) {
    throw new OpwireError(
      'invalid_payload',
      `The server answered ${event} with something the protocol does not allow; check that @opwire/server and @opwire/client versions match.`,
      { details: { event } },
    );
  }
  return read as OkAckOf<E>;
}

/** The `OpwireError` for a request that got no answer from Socket.IO. */
export function requestTransportError(
  event: string,
  error: unknown,
  timeoutMs: number,
): OpwireError {
  const message = error instanceof Error ? error.message : String(error);
  if (/timed out/i.test(message)) {
    return new OpwireError(
      'timeout',
      `The server did not answer ${event} within ${timeoutMs} ms; check the connection or raise requestTimeoutMs.`,
      { cause: error, details: { event } },
    );
  }
  return new OpwireError(
    'disconnected',
    `The connection dropped before the server answered ${event}; try again once the client is connected.`,
    { cause: error, details: { event } },
  );
}
