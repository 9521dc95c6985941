/**
 * React bindings over the observers of `@opwire/client`: the provider, hooks for connection status, subscriptions and operations, a sonner toast adapter and a headless progress tracker.
 *
 * @module @opwire/react
 */
export type {
  ActiveOperationsState,
  ConnectionState,
  ConnectionStatus,
  ConnectionStatusOptions,
  Envelope,
  LiveOperationActions,
  LiveOperationOptions,
  LiveOperationState,
  LiveOperationStatus,
  LiveOperationStorage,
  MessageHandler,
  OperationFailure,
  OperationFailureCode,
  OperationSnapshot,
  OperationState,
  OperationToast,
  OperationToastsOptions,
  OperationViewStatus,
  OpwireClient,
  OpwireClientInit,
  RecentOperationsOptions,
  SonnerShowFunction,
  SonnerToastFunction,
  SonnerToastOptions,
  StageInput,
  StageState,
  StartedOperation,
  TableRefetch,
  TableRefreshOptions,
  TableRefreshPayload,
  ToastAdapter,
  ToastPayload,
  TrackerStage,
  TypedOperation,
} from '@opwire/client';
export {
  DEFAULT_COALESCE_MS,
  DEFAULT_LOST_AFTER_MS,
  describeOperationFailure,
  IDLE_OPERATION,
  OpwireError,
  sonnerAdapter,
} from '@opwire/client';
export type {
  OpwireProviderProps,
  ProviderWithClientProps,
  ProviderWithOptionsProps,
} from './OpwireProvider.js';
export { OpwireProvider } from './OpwireProvider.js';
export { ProgressTracker } from './ProgressTracker.js';
export type { ProgressTrackerProps, ProgressTrackerState } from './progressTrackerTypes.js';
export type { RenderScheduler } from './renderScheduler.js';
export { frameScheduler } from './renderScheduler.js';
export { useActiveOperations } from './useActiveOperations.js';
export { useConnectionStatus } from './useConnectionStatus.js';
export { useLiveOperation } from './useLiveOperation.js';
export { useOperation } from './useOperation.js';
export { useOperationToasts } from './useOperationToasts.js';
export { useOpwire } from './useOpwire.js';
export { useRecentOperations } from './useRecentOperations.js';
export { useSubscription } from './useSubscription.js';
export { useTableRefresh } from './useTableRefresh.js';
