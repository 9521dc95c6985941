/**
 * The browser and Node client: one connection with subscriptions, rooms, live operation handles that resume after reconnects, toasts and table refreshes.
 *
 * @module @opwire/client
 */
export type {
  Envelope,
  IsTypedOperation,
  OperationDetailsOf,
  OperationError,
  OperationFailureCode,
  OperationResultOf,
  OperationSnapshot,
  OperationStageOf,
  OperationStatus,
  OperationToastTitles,
  OperationTypeSlots,
  OpwireErrorCode,
  Principal,
  TableRefreshPayload,
  ToastPayload,
  TypedOperation,
} from '@opwire/protocol';
export { OPERATION_FAILURE_CODES, OpwireError, operationToastId } from '@opwire/protocol';
export type { StatusChangeEvent } from './connection.js';
export type { ConnectionStatus } from './connectionStatus.js';
export { createOpwireClient } from './createOpwireClient.js';
export type { FetchFunction } from './httpApi.js';
export type {
  HttpPollingFallbackOptions,
  OpwirePollingFallback,
} from './httpPollingFallback.js';
export { httpPollingFallback } from './httpPollingFallback.js';
export type { Unsubscribe } from './listenerSet.js';
export type { ActiveOperationsState } from './observers/activeOperationsObserver.js';
export {
  createActiveOperationsObserver,
  loadActiveOperations,
} from './observers/activeOperationsObserver.js';
export type {
  ConnectionState,
  ConnectionStatusOptions,
} from './observers/connectionStatusObserver.js';
export {
  createConnectionStatusObserver,
  DEFAULT_LOST_AFTER_MS,
} from './observers/connectionStatusObserver.js';
export { formatTimeLeft } from './observers/formatTimeLeft.js';
export { createLiveOperation } from './observers/liveOperation.js';
export { liveOperationStorageKey } from './observers/liveOperationMemory.js';
export type {
  LiveOperation,
  LiveOperationActions,
  LiveOperationOptions,
  LiveOperationState,
  LiveOperationStatus,
  LiveOperationStorage,
  StartedOperation,
} from './observers/liveOperationTypes.js';
export type { Observer } from './observers/observerStore.js';
export type { OperationObserverOptions } from './observers/operationObserver.js';
export { createOperationObserver, DEFAULT_TICK_MS } from './observers/operationObserver.js';
export type {
  OperationFailure,
  OperationState,
  OperationViewStatus,
} from './observers/operationState.js';
export { IDLE_OPERATION } from './observers/operationState.js';
export type { OperationToastsOptions, ToastScheduler } from './observers/operationToasts.js';
export { startOperationToasts } from './observers/operationToasts.js';
export type { RecentOperationsOptions } from './observers/recentOperationsObserver.js';
export {
  createRecentOperationsObserver,
  DEFAULT_RECENT_KEEP_MS,
} from './observers/recentOperationsObserver.js';
export type {
  SonnerShowFunction,
  SonnerToastFunction,
  SonnerToastOptions,
} from './observers/sonnerAdapter.js';
export { sonnerAdapter } from './observers/sonnerAdapter.js';
export type { TableRefetch, TableRefreshOptions } from './observers/tableRefreshWatch.js';
export { DEFAULT_COALESCE_MS, watchTableRefresh } from './observers/tableRefreshWatch.js';
export type { OperationToast, ToastAdapter } from './observers/toastAdapter.js';
export type { StageInput, StageState, TrackerStage } from './observers/trackerStages.js';
export { trackerStages } from './observers/trackerStages.js';
export type { EntryState } from './operationEntryState.js';
export type { OperationHandle } from './operationHandle.js';
export { describeOperationFailure } from './operationOutcome.js';
export type {
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
