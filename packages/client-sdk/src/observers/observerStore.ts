import { createListenerSet, type Unsubscribe } from '../listenerSet.js';

/**
 * A value that changes over time, as a store: what React's
 * `useSyncExternalStore`, Svelte's `$store` and a Vue `shallowRef` kept by
 * `subscribe` all bind to. `getSnapshot` returns the same object until the
 * value changes, so it can be compared by reference.
 *
 * @typeParam T - the value
 */
export interface Observer<T> {
  /** The current value; the same object until it changes. */
  getSnapshot(): T;
  /**
   * What a server render shows: nothing is asked of the client for it. Pass
   * it as `useSyncExternalStore`'s third argument.
   */
  getServerSnapshot(): T;
  /**
   * Calls `listener` with the current value at once and after every change;
   * returns the function that stops it. The first subscriber starts the
   * observer's work (following an operation, a timer), the last one to leave
   * stops it.
   */
  subscribe(listener: (value: T) => void): Unsubscribe;
}

/** What an observer is built from. Internal. */
export interface ObserverStoreInit<T> {
  initial: T;
  /** The value a server render shows; `initial` unless given. */
  server?: T;
  /** Starts the work behind the value; returns what stops it. Called for the first subscriber. */
  start?: () => () => void;
  /** Reads the value again while nobody listens (a pull), or `undefined` to keep the last one. */
  read?: () => T | undefined;
  onError?: (error: unknown) => void;
}

/** An {@link Observer} with the setter its owner uses. Internal. */
export interface ObserverStore<T> extends Observer<T> {
  set(next: T): void;
  readonly isStarted: boolean;
}

/** The store behind every observer: listeners, a stable value, lazy start and stop. Internal. */
export function createObserverStore<T>(init: ObserverStoreInit<T>): ObserverStore<T> {
  const listeners = createListenerSet<T>(init.onError ?? ((error) => console.error(error)));
  let value = init.initial;
  let stop: (() => void) | null = null;

  function set(next: T): void {
    if (Object.is(next, value)) return;
    value = next;
    listeners.emit(value);
  }

  return {
    getSnapshot() {
      if (stop === null && init.read !== undefined) {
        const pulled = init.read();
        if (pulled !== undefined) value = pulled;
      }
      return value;
    },
    getServerSnapshot: () => init.server ?? init.initial,
    subscribe(listener) {
      const off = listeners.add(listener);
      if (stop === null && init.start !== undefined) stop = init.start();
      listener(value);
      return () => {
        off();
        if (listeners.size > 0 || stop === null) return;
        const stopping = stop;
        stop = null;
        stopping();
      };
    },
    set,
    get isStarted() {
      return stop !== null;
    },
  };
}
