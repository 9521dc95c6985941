import { type GetOperationRequest, type OperationSnapshot, publicSnapshot } from '@opwire/protocol';
import { notFound, type RequestFunction } from './requestCore.js';
import { visibleOperation } from './visibleOperation.js';

/** One operation's current snapshot, public, with the epoch its `seq` counts in. */
export const getOperation: RequestFunction<
  GetOperationRequest,
  { epoch: string; snapshot: OperationSnapshot }
> = async (context, caller, { id }) => {
  const snapshot = await visibleOperation(context, caller, id);
  if (snapshot === null) return notFound();
  return { epoch: await context.runtime.store.epoch(), snapshot: publicSnapshot(snapshot) };
};
