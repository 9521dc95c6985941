/**
 * The browser and Node client: one connection with subscriptions, rooms, live operation handles that resume after reconnects, toasts and table refreshes.
 *
 * @module @opwire/client
 */
export type {
  Envelope,
  OperationError,
  OperationFailureCode,
  OperationSnapshot,
  OperationStatus,
  OpwireErrorCode,
  Principal,
  TableRefreshPayload,
  ToastPayload,
} from '@opwire/protocol';
export { OPERATION_FAILURE_CODES, OpwireError } from '@opwire/protocol';
export type { StatusChangeEvent } from './connection.js';
export type { ConnectionStatus } from './connectionStatus.js';
export { createOpwireClient } from './createOpwireClient.js';
export type { Unsubscribe } from './listenerSet.js';
export type { OperationHandle } from './operationHandle.js';
export { operationToastId } from './operationLifecycle.js';
export { describeOperationFailure } from './operationOutcome.js';
export type {
  FetchFunction,
  OpwireClientInit,
  OpwireClientOptions,
  OpwireTransport,
} from './options.js';
export { DEFAULT_CLIENT_OPTIONS } from './options.js';
export type {
  ErrorHandler,
  OperationDebugInfo,
  OperationsView,
  OpwireClient,
  OpwireClientDebugInfo,
  ToastHandler,
} from './opwireClient.js';
export type { MessageHandler, SubscriptionInfo } from './subscriptionRegistry.js';
export type { TableRefreshHandler } from './tableRefreshRouter.js';
export type { ProgressSample, TimeLeftInput } from './timeLeft.js';
export { estimateTimeLeft } from './timeLeft.js';
export type { TokenSource } from './token.js';
