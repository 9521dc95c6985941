import type { Authenticate } from './auth/types.js';
import type { OperationRuntime } from './operations/operationRuntime.js';
import type { LocalOperations } from './operations/operationsApi.js';
import type { LimitOptions, MetricsOptions } from './options.js';
import type { RoomPolicies } from './rooms/roomPolicies.js';
import type { ExpirySchedule } from './socket/expirySchedule.js';
import type { SocketSession } from './socket/socketSession.js';

/** Everything the socket and HTTP layers share. */
export interface ServerContext {
  runtime: OperationRuntime;
  running: LocalOperations;
  policies: RoomPolicies;
  authenticate: Authenticate | undefined;
  allowAnonymous: boolean;
  platformRole: string;
  limits: LimitOptions;
  metrics: MetricsOptions | undefined;
  httpBasePath: string;
  /** Whether opwire created the Socket.IO server (rather than being handed the application's). */
  ownsSocketServer: boolean;
  /** `cors.origin` as a list; `undefined` without `cors`, when origins are not checked. */
  allowedOrigins: readonly string[] | undefined;
  /** When each socket's credentials expire. */
  expiry: ExpirySchedule<SocketSession>;
  /** Local member counts of every room on this node. */
  roomSizes(): Record<string, number>;
}
