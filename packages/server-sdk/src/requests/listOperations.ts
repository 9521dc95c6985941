import {
  type ListOperationsRequest,
  type OperationSnapshot,
  publicSnapshot,
} from '@opwire/protocol';
import { LIST_LIMIT, type RequestFunction } from './requestCore.js';

/** The operations whose audience shares a room with the caller, newest first, public. */
export const listOperations: RequestFunction<
  ListOperationsRequest,
  { epoch: string; operations: OperationSnapshot[] }
> = async (context, caller, { status }) => {
  const { store } = context.runtime;
  const operations =
    caller.principal === null
      ? []
      : await store.list({
          status: status ?? 'active',
          rooms: [...caller.rooms],
          limit: LIST_LIMIT,
        });
  return { epoch: await store.epoch(), operations: operations.map(publicSnapshot) };
};
