import { operationRoom } from '@opwire/protocol';
import { notFound, type RequestFunction } from './requestCore.js';
import { visibleOperation } from './visibleOperation.js';

/**
 * Whether the caller may join `operation:{operationId}`: exactly when it may
 * see the operation. The transport does the joining.
 */
export const operationRoomAccess: RequestFunction<
  { operationId: string },
  { room: string }
> = async (context, caller, { operationId }) => {
  const snapshot = await visibleOperation(context, caller, operationId);
  if (snapshot === null) return notFound();
  return { room: operationRoom(operationId) };
};
