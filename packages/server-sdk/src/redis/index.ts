/**
 * Scale-out on Redis: the shared operation store, Socket.IO's Redis adapter, the emitter for worker processes, and BullMQ jobs as operations.
 *
 * @module @opwire/server/redis
 */
export type {
  BullJobDataOf,
  BullJobLike,
  BullJobOf,
  BullJobOptions,
  BullJobOptionsOf,
  BullQueuedJobLike,
  BullQueueLike,
} from './bullmq/bullTypes.js';
export type { EnqueuedJob, EnqueueTrackedOptions } from './bullmq/enqueueTracked.js';
export { enqueueTracked } from './bullmq/enqueueTracked.js';
export type { TrackBullJobOptions } from './bullmq/trackBullJob.js';
export { trackBullJob } from './bullmq/trackBullJob.js';
export type { OpwireEmitter, OpwireEmitterOptions } from './createOpwireEmitter.js';
export { createOpwireEmitter } from './createOpwireEmitter.js';
export type { RedisAdapterOptions } from './redisAdapter.js';
export { redisAdapter } from './redisAdapter.js';
export type { RedisClient } from './redisClient.js';
export type { RedisStoreOptions } from './redisStore.js';
export { redisStore } from './redisStore.js';
export type { RedisStreamsOptions } from './redisStreams.js';
