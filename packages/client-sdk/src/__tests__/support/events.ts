import type { OperationEvent, OperationToastTitles } from '@opwire/protocol';

/** Builds the events of one operation, seq by seq, the way a server would number them. */
export function operationEvents(id: string, startedAt = 1_000) {
  let seq = 0;
  let ts = startedAt;
  const next = () => {
    seq += 1;
    ts += 100;
    return { operationId: id, seq, ts };
  };
  return {
    started(
      options: {
        tables?: string[];
        title?: string | null;
        estimatedDurationMs?: number | null;
        toastTitles?: OperationToastTitles;
      } = {},
    ): OperationEvent {
      seq = 0;
      ts = startedAt - 100;
      return {
        ...next(),
        topic: 'operation.started',
        payload: {
          type: 'import',
          status: 'running',
          title: options.title === undefined ? 'Import' : options.title,
          stages: null,
          audience: ['user:u1'],
          tables: options.tables ?? [],
          ...(options.toastTitles === undefined ? {} : { toastTitles: options.toastTitles }),
          estimatedDurationMs: options.estimatedDurationMs ?? null,
          stage: null,
          message: null,
        },
      };
    },
    progress(percent: number, message?: string): OperationEvent {
      return {
        ...next(),
        topic: 'operation.progress',
        payload: message === undefined ? { percent } : { percent, message },
      };
    },
    completed(result: unknown = { ok: true }, message?: string): OperationEvent {
      return {
        ...next(),
        topic: 'operation.completed',
        payload: message === undefined ? { result } : { result, message },
      };
    },
    failed(message: string, code?: string): OperationEvent {
      return {
        ...next(),
        topic: 'operation.failed',
        payload: { error: code === undefined ? { message } : { message, code } },
      };
    },
    cancelled(reason?: string): OperationEvent {
      return {
        ...next(),
        topic: 'operation.cancelled',
        payload: reason === undefined ? {} : { reason },
      };
    },
  };
}
