import {
  type ClientToServerEvents,
  cancelOperationAckSchema,
  failedAckSchema,
  getOperationAckSchema,
  joinAckSchema,
  leaveAckSchema,
  listOperationsAckSchema,
  OpwireError,
  type RequestEventName,
  reauthenticateAckSchema,
  resumeAckSchema,
} from '@opwire/protocol';

/** The acknowledgement type of a request event. */
export type AckOf<E extends RequestEventName> = Parameters<
  Parameters<ClientToServerEvents[E]>[1]
>[0];

/** The successful half of a request's acknowledgement. */
export type OkAckOf<E extends RequestEventName> = Extract<AckOf<E>, { ok: true }>;

const ackSchemas = {
  'opwire:join': joinAckSchema,
  'opwire:leave': leaveAckSchema,
  'opwire:resume': resumeAckSchema,
  'opwire:operation.get': getOperationAckSchema,
  'opwire:operation.list': listOperationsAckSchema,
  'opwire:operation.cancel': cancelOperationAckSchema,
  'opwire:auth': reauthenticateAckSchema,
} as const;

/**
 * Checks an acknowledgement against the protocol's schema: the success
 * data, or an `OpwireError` with the server's code and message.
 */
export function parseAck<E extends RequestEventName>(event: E, ack: unknown): OkAckOf<E> {
  const failed = failedAckSchema.safeParse(ack);
  if (failed.success) {
    const { code, message } = failed.data.error;
    throw new OpwireError(code, message, { details: { event } });
  }
  const parsed = ackSchemas[event].safeParse(ack);
  if (!parsed.success) {
    throw new OpwireError(
      'invalid_payload',
      `The server answered ${event} with something the protocol does not allow (${parsed.error.issues[0]?.message ?? 'bad shape'}); check that @opwire/server and @opwire/client versions match.`,
      { details: { event } },
    );
  }
  return parsed.data as OkAckOf<E>;
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
