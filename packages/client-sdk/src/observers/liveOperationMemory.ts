import type { LiveOperationStorage } from './liveOperationTypes.js';

/** Where a keyed live operation keeps its id across reloads. Internal. */
export interface LiveOperationMemory {
  recall(): string | null;
  remember(operationId: string): void;
  forget(): void;
}

const NOTHING: LiveOperationMemory = { recall: () => null, remember() {}, forget() {} };

/** The `sessionStorage` key under which a live operation made with `key` keeps its running id. */
export function liveOperationStorageKey(key: string): string {
  return `opwire:live:${key}`;
}

/**
 * The id memory of a live operation with a `key`: `sessionStorage` (one tab,
 * kept across reloads) unless another storage is given. Without a key, or
 * where there is no storage (a server) or it refuses (private mode, quota),
 * nothing is remembered. Internal.
 */
export function createLiveOperationMemory(
  key: string | undefined,
  storage: LiveOperationStorage | undefined = defaultStorage(),
): LiveOperationMemory {
  if (key === undefined || storage === undefined) return NOTHING;
  const name = liveOperationStorageKey(key);
  const attempt = <T>(work: () => T, fallback: T): T => {
    try {
      return work();
    } catch {
      return fallback;
    }
  };
  return {
    recall: () => attempt(() => storage.getItem(name), null),
    remember: (operationId) => attempt(() => storage.setItem(name, operationId), undefined),
    forget: () => attempt(() => storage.removeItem(name), undefined),
  };
}

function defaultStorage(): LiveOperationStorage | undefined {
  try {
    return typeof sessionStorage === 'undefined' ? undefined : sessionStorage;
  } catch {
    return undefined;
  }
}
