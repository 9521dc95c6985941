/**
 * React bindings over the client: the provider, hooks for connection status, subscriptions and operations, a sonner toast adapter and a headless progress tracker.
 *
 * @module @opwire/react
 */
export type {
  ConnectionStatus,
  Envelope,
  MessageHandler,
  OperationFailureCode,
  OperationSnapshot,
  OpwireClient,
  OpwireClientInit,
  TableRefreshPayload,
  ToastPayload,
} from '@opwire/client';
export { describeOperationFailure, OpwireError } from '@opwire/client';
export type {
  LiveOperationActions,
  LiveOperationOptions,
  LiveOperationState,
  LiveOperationStatus,
  StartedOperation,
} from './liveOperationTypes.js';
export type {
  OpwireProviderProps,
  ProviderWithClientProps,
  ProviderWithOptionsProps,
} from './OpwireProvider.js';
export { OpwireProvider } from './OpwireProvider.js';
export type { OperationState, OperationViewStatus } from './operationState.js';
export { IDLE_OPERATION } from './operationState.js';
export type { OperationToastsOptions } from './operationToasts.js';
export { ProgressTracker } from './ProgressTracker.js';
export type { ProgressTrackerProps, ProgressTrackerState } from './progressTrackerTypes.js';
export type { RenderScheduler } from './renderScheduler.js';
export { frameScheduler } from './renderScheduler.js';
export type {
  SonnerShowFunction,
  SonnerToastFunction,
  SonnerToastOptions,
} from './sonnerAdapter.js';
export { sonnerAdapter } from './sonnerAdapter.js';
export type { OperationToast, ToastAdapter } from './toastAdapter.js';
export type { StageInput, StageState, TrackerStage } from './trackerStages.js';
export type { ActiveOperationsState } from './useActiveOperations.js';
export { useActiveOperations } from './useActiveOperations.js';
export type { ConnectionState, ConnectionStatusOptions } from './useConnectionStatus.js';
export { DEFAULT_LOST_AFTER_MS, useConnectionStatus } from './useConnectionStatus.js';
export { useLiveOperation } from './useLiveOperation.js';
export { useOperation } from './useOperation.js';
export { useOperationToasts } from './useOperationToasts.js';
export { useOpwire } from './useOpwire.js';
export { useSubscription } from './useSubscription.js';
export type { TableRefetch, TableRefreshOptions } from './useTableRefresh.js';
export { DEFAULT_COALESCE_MS, useTableRefresh } from './useTableRefresh.js';
