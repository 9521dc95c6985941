// Vue bindings for the observers of @opwire/client: an observer is a store
// (`subscribe` calls back at once and on every change), so one shallowRef
// kept current by `subscribe` binds any of them.
import type { Observer } from '@opwire/client';
import { onScopeDispose, type Ref, shallowRef } from 'vue';

/** The observer's value as a ref, for as long as the component lives. */
export function useObserver<T>(observer: Observer<T>): Readonly<Ref<T>> {
  const value = shallowRef(observer.getSnapshot());
  onScopeDispose(observer.subscribe((next) => (value.value = next)));
  return value;
}
