import { type CancelOperationRequest, isTerminalStatus } from '@opwire/protocol';
import { requestCancel } from '../operations/operationsApi.js';
import { notFound, type RequestFunction, refusal } from './requestCore.js';
import { visibleOperation } from './visibleOperation.js';

/**
 * Asks whichever process runs the operation to cancel it; the `reason`
 * becomes the operation's message. Answers once the request reached a runner.
 */
export const cancelOperation: RequestFunction<CancelOperationRequest, { id: string }> = async (
  context,
  caller,
  { id, reason },
) => {
  const { runtime, running } = context;
  const snapshot = await visibleOperation(context, caller, id);
  if (snapshot === null) return notFound();
  if (isTerminalStatus(snapshot.status))
    return refusal('conflict', `Operation "${id}" already ended (${snapshot.status}).`);
  runtime.events.emit('operation.cancel-requested', {
    operationId: id,
    by: caller.principal,
    ...(reason === undefined ? {} : { reason }),
  });
  if (!(await requestCancel(runtime, running, id, reason)))
    return refusal('conflict', `Operation "${id}" is not running anywhere that can cancel it.`);
  return { id };
};
