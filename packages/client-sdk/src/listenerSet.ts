/** Removes what was added; calling it twice is harmless. */
export type Unsubscribe = () => void;

export interface ListenerSet<T> {
  add(listener: (value: T) => void): Unsubscribe;
  /** Calls every listener with `value`; one that throws is reported and the rest still run. */
  emit(value: T): void;
  clear(): void;
  readonly size: number;
}

/**
 * A set of listeners that survives its own members: a listener may remove
 * itself or another one while being called, and a throwing listener does not
 * stop the others.
 */
export function createListenerSet<T>(onError: (error: unknown) => void): ListenerSet<T> {
  const listeners = new Set<(value: T) => void>();
  return {
    add(listener) {
      const entry = (value: T) => listener(value);
      listeners.add(entry);
      return () => {
        listeners.delete(entry);
      };
    },
    emit(value) {
      for (const listener of [...listeners]) {
        try {
          listener(value);
        } catch (error) {
          onError(error);
        }
      }
    },
    clear() {
      listeners.clear();
    },
    get size() {
      return listeners.size;
    },
  };
}
