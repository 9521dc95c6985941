// Type tests: checked by `tsc -p tsconfig.json` at the repository root, never run.
import type {
  ConnectionStatus,
  Envelope,
  OperationSnapshot,
  OpwireClient,
  OpwireError,
  TableRefreshPayload,
} from '@opwire/client';
import { toast } from 'sonner';
import { expectTypeOf } from 'vitest';
import {
  type LiveOperationActions,
  type LiveOperationState,
  type LiveOperationStatus,
  type OperationState,
  type OperationViewStatus,
  sonnerAdapter,
  type ToastAdapter,
  useActiveOperations,
  useConnectionStatus,
  useLiveOperation,
  useOperation,
  useOpwire,
  useSubscription,
  useTableRefresh,
} from '../index.js';

interface ImportResult {
  imported: number;
}
interface ImportDetails {
  processed: number;
}
declare const file: File;

export function useOperationTypes() {
  const typed = useOperation<ImportResult, ImportDetails>('op-1');
  expectTypeOf(typed).toEqualTypeOf<OperationState<ImportResult, ImportDetails>>();
  expectTypeOf(typed.result).toEqualTypeOf<ImportResult | null>();
  expectTypeOf(typed.details).toEqualTypeOf<ImportDetails | null>();
  expectTypeOf(typed.snapshot).toEqualTypeOf<OperationSnapshot<
    ImportResult,
    ImportDetails
  > | null>();
  expectTypeOf(typed.status).toEqualTypeOf<OperationViewStatus>();
  expectTypeOf(typed.error).toEqualTypeOf<OpwireError | null>();
  expectTypeOf(typed.timeLeftMs).toEqualTypeOf<number | null>();

  const untyped = useOperation(null);
  expectTypeOf(untyped.result).toEqualTypeOf<unknown>();
  // @ts-expect-error an id is a string or null
  useOperation(42);
}

export function useLiveOperationTypes() {
  const [state, actions] = useLiveOperation<ImportResult, File>({
    start: async (input) => {
      expectTypeOf(input).toEqualTypeOf<File>();
      return { operationId: 'op-1' };
    },
    onComplete: (result) => expectTypeOf(result).toEqualTypeOf<ImportResult | null>(),
    onError: (error) => expectTypeOf(error).toEqualTypeOf<Error>(),
  });
  expectTypeOf(state).toEqualTypeOf<LiveOperationState<ImportResult, unknown>>();
  expectTypeOf(state.result).toEqualTypeOf<ImportResult | null>();
  expectTypeOf(state.status).toEqualTypeOf<LiveOperationStatus>();
  expectTypeOf(state.error).toEqualTypeOf<Error | null>();
  expectTypeOf(actions).toEqualTypeOf<LiveOperationActions<File>>();
  expectTypeOf(actions.execute).toEqualTypeOf<(input: File) => Promise<string | null>>();
  expectTypeOf(actions.cancel).toEqualTypeOf<(reason?: string) => Promise<void>>();
  void actions.execute(file);
  // @ts-expect-error execute takes the input start takes
  void actions.execute('not a file');

  // Without input, execute takes no argument.
  const [, noInput] = useLiveOperation({ start: () => ({ operationId: 'op-2' }) });
  void noInput.execute();

  // The result and input types are inferred from annotated callbacks.
  const [inferred, inferredActions] = useLiveOperation({
    start: (rows: number) => Promise.resolve({ operationId: `op-${rows}` }),
    onComplete: (result: ImportResult | null) => result?.imported,
  });
  expectTypeOf(inferred.result).toEqualTypeOf<ImportResult | null>();
  expectTypeOf(inferredActions.execute).parameter(0).toEqualTypeOf<number>();

  // @ts-expect-error start must resolve with { operationId }
  useLiveOperation({ start: async () => ({ id: 'op-3' }) });
}

export function useOtherHookTypes() {
  expectTypeOf(useOpwire()).toEqualTypeOf<OpwireClient>();

  const connection = useConnectionStatus({ lostAfterMs: 1_000 });
  expectTypeOf(connection.status).toEqualTypeOf<ConnectionStatus>();
  expectTypeOf(connection.isConnected).toEqualTypeOf<boolean>();

  const active = useActiveOperations();
  expectTypeOf(active.operations).toEqualTypeOf<readonly OperationSnapshot[]>();
  expectTypeOf(active.error).toEqualTypeOf<OpwireError | null>();

  useSubscription<{ id: string }>('data.product.*', (payload, message) => {
    expectTypeOf(payload).toEqualTypeOf<{ id: string }>();
    expectTypeOf(message).toEqualTypeOf<Envelope<{ id: string }>>();
  });

  useTableRefresh('users', (refreshes) => {
    expectTypeOf(refreshes).toEqualTypeOf<readonly TableRefreshPayload[]>();
  });
  // Any refetch result is fine: a promise (awaited before the next one) or nothing.
  useTableRefresh('users', async () => 'done');

  // sonner's own `toast` fits the adapter, without sonner being a dependency.
  expectTypeOf(sonnerAdapter(toast)).toEqualTypeOf<ToastAdapter>();
}

// Typed from the server's definition, imported as a type.
declare const typedImport: import('@opwire/protocol').TypedOperation<
  { imported: number },
  { processed: number },
  'parsing' | 'importing'
>;
export function useTypedFromDefinition() {
  const operation = useOperation<typeof typedImport>('id');
  expectTypeOf(operation.result).toEqualTypeOf<{ imported: number } | null>();
  expectTypeOf(operation.stage).toEqualTypeOf<'parsing' | 'importing' | null>();
  const [live] = useLiveOperation<typeof typedImport, string>({
    start: async () => ({ operationId: 'x' }),
  });
  expectTypeOf(live.details).toEqualTypeOf<{ processed: number } | null>();
}
