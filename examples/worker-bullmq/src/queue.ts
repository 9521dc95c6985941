import type { ImportRequest } from '@opwire-examples/demo-kit';

/** The BullMQ queue the web server fills and the worker drains. */
export const IMPORT_QUEUE = 'user-imports';

/** A job carries the operation id the web server already answered with. */
export interface ImportJobData {
  operationId: string;
  tenantId: string;
  request: ImportRequest;
}

export const redisUrl = () => process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
