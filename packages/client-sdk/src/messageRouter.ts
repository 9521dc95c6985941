import {
  decodeOperationFrame,
  type Envelope,
  isOperationTopic,
  type OperationEvent,
  OpwireError,
  readEnvelope,
  readOperationEvent,
  readTableRefresh,
  readToast,
  TABLE_REFRESH_TOPIC,
  type TableRefreshPayload,
  TOAST_TOPIC,
  type ToastPayload,
} from '@opwire/protocol';

/** Where each kind of server message goes. Internal. */
export interface MessageTargets {
  /** Operation events go to the store; it dispatches them to subscribers once applied. */
  applyOperationEvent(event: OperationEvent): void;
  dispatch(message: Envelope): void;
  toast(payload: ToastPayload): void;
  tableRefresh(payload: TableRefreshPayload, message: Envelope<TableRefreshPayload>): void;
  onError(error: unknown): void;
}

/**
 * Checks one `opwire:message` against the protocol and routes it. A message
 * that does not fit the protocol is reported and dropped, never half-applied.
 */
export function routeMessage(raw: unknown, targets: MessageTargets): void {
  const message = readEnvelope(raw);
  if (message === undefined) {
    targets.onError(malformed('an envelope that does not match the protocol'));
    return;
  }
  if (isOperationTopic(message.topic)) {
    const event = readOperationEvent({
      operationId: message.operationId,
      seq: message.seq,
      ts: message.ts,
      topic: message.topic,
      payload: message.payload,
    });
    if (event !== undefined) targets.applyOperationEvent(event);
    else targets.onError(malformed(`an invalid "${message.topic}" event`));
    return;
  }
  if (message.topic === TOAST_TOPIC) {
    const toast = readToast(message.payload);
    if (toast !== undefined) targets.toast(toast);
    else targets.onError(malformed('an invalid toast'));
  } else if (message.topic === TABLE_REFRESH_TOPIC) {
    const refresh = readTableRefresh(message.payload);
    if (refresh !== undefined) {
      targets.tableRefresh(refresh, { ...message, payload: refresh });
    } else {
      targets.onError(malformed('an invalid table refresh'));
    }
  }
  targets.dispatch(message);
}

/**
 * Checks one `opwire:op` frame (a server of protocol version 2) and hands its event to the
 * store; a frame that does not decode to a valid event is reported and dropped.
 */
export function routeOperationFrame(
  raw: unknown,
  targets: Pick<MessageTargets, 'applyOperationEvent' | 'onError'>,
): void {
  const event = decodeOperationFrame(raw);
  if (event !== undefined) targets.applyOperationEvent(event);
  else targets.onError(malformed('an invalid operation frame'));
}

function malformed(what: string): OpwireError {
  return new OpwireError(
    'invalid_payload',
    `The server sent ${what}; it was dropped. Check that @opwire/server and @opwire/client versions match.`,
  );
}
