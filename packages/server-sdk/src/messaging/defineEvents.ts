import type { inferSchema, Schema } from '../validation.js';

/** Topic → payload schema. */
export type EventSchemas = Readonly<Record<string, Schema>>;

/** A typed set of application events; pass it to `createOpwire({ events })`. */
export interface EventsDefinition<TSchemas extends EventSchemas = EventSchemas> {
  /** Topic → payload schema, as passed to {@link defineEvents}. */
  readonly schemas: TSchemas;
}

/**
 * Declares the application's events so `opwire.to(…).emit()` is typed and, in
 * development, validated. A frontend imports the type only.
 *
 * @example
 * export const appEvents = defineEvents({
 *   'data.product.updated': z.object({ id: z.string() }),
 * });
 * export type AppEvents = inferEvents<typeof appEvents>;
 */
export function defineEvents<const TSchemas extends EventSchemas>(
  schemas: TSchemas,
): EventsDefinition<TSchemas> {
  return { schemas };
}

/** Topic → payload type of an events definition. */
export type inferEvents<T> =
  T extends EventsDefinition<infer S> ? { [K in keyof S]: inferSchema<S[K]> } : never;

/** Payload map used when no events are declared: any valid topic, any payload. */
export type UntypedEvents = Record<string, unknown>;
