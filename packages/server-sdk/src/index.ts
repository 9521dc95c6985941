/**
 * The server SDK: `createOpwire()` on an existing HTTP server, Socket.IO server or namespace, JWT (a secret, a public key or a provider's key set) or custom authentication, operations with `track()` and `start()`, messaging, the HTTP handler, stats and metrics.
 *
 * @module @opwire/server
 */
export type {
  Envelope,
  OperationFailureCode,
  OperationSnapshot,
  OperationStatus,
  OpwireErrorCode,
  Principal,
} from '@opwire/protocol';
export { OPERATION_FAILURE_CODES, OpwireError } from '@opwire/protocol';
export type { Audience, Target } from './audience.js';
export type { JwksAlgorithm, JwksAuthOptions } from './auth/jwksAuth.js';
export { jwksAuth } from './auth/jwksAuth.js';
export type { JwtAlgorithm, JwtAuthOptions, JwtClaims } from './auth/jwtAuth.js';
export { jwtAuth } from './auth/jwtAuth.js';
export type { JwtCheckOptions } from './auth/jwtVerification.js';
export type { Authenticate, AuthResult, Credentials } from './auth/types.js';
export type { CloseOptions, Opwire } from './createOpwire.js';
export { createOpwire } from './createOpwire.js';
export type { CredentialCarrier, RequestAuthentication } from './http/authenticateRequest.js';
export type { OpwireHttpHandler } from './http/httpHandler.js';
export type { OpwireServerEvents } from './lifecycleEvents.js';
export type {
  EventSchemas,
  EventsDefinition,
  inferEvents,
  UntypedEvents,
} from './messaging/defineEvents.js';
export { defineEvents } from './messaging/defineEvents.js';
export type { Delivery } from './messaging/delivery.js';
export type { EventSender, Messenger, RefreshInfo, ToastInput } from './messaging/messenger.js';
export type { AttemptOutcome, ClaimedAttempt, ClaimOptions } from './operations/claim.js';
export type {
  DefineOperationInput,
  inferOperationDetails,
  inferOperationResult,
  OperationDefinition,
} from './operations/defineOperation.js';
export { defineOperation } from './operations/defineOperation.js';
export type { EnqueuedOperation, EnqueueOptions } from './operations/enqueue.js';
export type {
  OperationHandle,
  OperationReporter,
  OperationRole,
  ProgressReport,
} from './operations/operationHandle.js';
export type { OperationOptions } from './operations/operationOptions.js';
export type {
  ListOperationsOptions,
  OperationsApi,
  TrackedOperation,
  TrackFunction,
} from './operations/operationsApi.js';
export type { QueuedJobState, QueueWatch } from './operations/queueWatch.js';
export type {
  CorsOptions,
  LifecycleOptions,
  LimitOptions,
  MetricsOptions,
  OpwireAdapter,
  OpwireOptions,
} from './options.js';
export type { RoomPolicy, RoomPolicyContext } from './rooms/roomPolicies.js';
export type { SocketIONamespaceLike, SocketIOServerLike } from './socket/socketServerLike.js';
export type { OpwireStats } from './stats/serverStats.js';
export type { MemoryStoreOptions } from './store/memoryStore.js';
export { memoryStore } from './store/memoryStore.js';
export type {
  AppendOptions,
  AppendResult,
  BatchAppend,
  CancelRelay,
  CancelRequestHandler,
  EventDraft,
  HistoryResult,
  LeaseLossPolicy,
  ListFilter,
  OperationOwner,
  OperationRecord,
  OperationStore,
  OwnerClaim,
  RenewResult,
} from './store/operationStore.js';
export type { inferSchema, Schema } from './validation.js';
