// Type tests: checked by `tsc -p tsconfig.json` at the repository root, never run.
import type { OperationDetailsOf, OperationResultOf, OperationStageOf } from '@opwire/protocol';
import { defineOperation } from '@opwire/server';
import { expectTypeOf } from 'vitest';
import { z } from 'zod';
import { createLiveOperation } from '../observers/liveOperation.js';
import { createOperationObserver } from '../observers/operationObserver.js';
import type { OpwireClient } from '../opwireClient.js';

declare const client: OpwireClient;

const userImport = defineOperation({
  type: 'user-import',
  details: z.object({ processed: z.number() }),
  result: z.object({ imported: z.number() }),
  stages: ['parsing', 'importing'] as const,
});
type UserImport = typeof userImport;

// The helpers read the definition; a plain type is its own result.
expectTypeOf<OperationResultOf<UserImport>>().toEqualTypeOf<{ imported: number }>();
expectTypeOf<OperationDetailsOf<UserImport>>().toEqualTypeOf<{ processed: number }>();
expectTypeOf<OperationStageOf<UserImport>>().toEqualTypeOf<'parsing' | 'importing'>();
expectTypeOf<OperationResultOf<{ rows: number }>>().toEqualTypeOf<{ rows: number }>();
expectTypeOf<OperationDetailsOf<{ rows: number }>>().toEqualTypeOf<unknown>();
expectTypeOf<OperationResultOf<unknown>>().toEqualTypeOf<unknown>();

// client.operation<typeof definition>(id): result and details from the server's definition.
const handle = client.operation<UserImport>('id');
expectTypeOf(handle.done).toEqualTypeOf<Promise<{ imported: number } | null>>();
expectTypeOf(handle.getSnapshot()?.details).toEqualTypeOf<
  { processed: number } | null | undefined
>();
// ... and the old form, result then details.
expectTypeOf(client.operation<{ rows: number }, { done: number }>('id').done).toEqualTypeOf<
  Promise<{ rows: number } | null>
>();

// Observers: result, details and stage.
const observed = createOperationObserver<UserImport>(client, 'id').getSnapshot();
expectTypeOf(observed.result).toEqualTypeOf<{ imported: number } | null>();
expectTypeOf(observed.details).toEqualTypeOf<{ processed: number } | null>();
expectTypeOf(observed.stage).toEqualTypeOf<'parsing' | 'importing' | null>();

// Live operations: the definition, then the input.
const live = createLiveOperation<UserImport, File>(client, () => ({
  start: async (file) => {
    expectTypeOf(file).toEqualTypeOf<File>();
    return { operationId: 'x' };
  },
  onComplete: (result) => expectTypeOf(result).toEqualTypeOf<{ imported: number } | null>(),
}));
expectTypeOf(live.execute).parameter(0).toEqualTypeOf<File>();
expectTypeOf(live.getSnapshot().stage).toEqualTypeOf<'parsing' | 'importing' | null>();
