// Settings shared by the Next app, the realtime server and the worker.

/** DEMO ONLY: the secret of the demo tokens. Use your auth provider's keys. */
export const DEMO_SECRET = process.env.DEMO_JWT_SECRET ?? 'nextjs-demo-secret-change-me';

export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** The BullMQ queue the Next app fills and the worker empties. */
export const EXPORTS_QUEUE = 'exports';

/** What one export job carries. */
export interface ExportJob {
  rows: number;
  /** Makes the job throw after half its rows, to show a failure. */
  fail?: boolean;
}
