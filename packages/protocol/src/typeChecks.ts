// Compile-time checks that the hand-written wire types and their zod schemas
// describe the same values. Types only: nothing here exists at run time.
import type { z } from 'zod';

type Flat<T> = { [K in keyof T]: T[K] };

/** `true` when `A` and `B` are the same type (top-level intersections flattened), else `false`. */
export type Equals<A, B> =
  (<T>() => T extends Flat<A> ? 1 : 2) extends <T>() => T extends Flat<B> ? 1 : 2 ? true : false;

/** Compiles only when `T` is `true`. */
export type Assert<T extends true> = T;

/**
 * `TSchema` when it outputs exactly `TOutput` and accepts exactly `TInput`,
 * else `never`, so `schema satisfies ExactSchema<typeof schema, T>` stops
 * compiling as soon as the schema and the type drift apart. With `TInput`
 * `unknown` (a schema declared to accept anything), only the output is checked.
 */
export type ExactSchema<TSchema extends z.ZodTypeAny, TOutput, TInput = TOutput> =
  Equals<z.output<TSchema>, TOutput> extends true
    ? unknown extends TInput
      ? TSchema
      : Equals<z.input<TSchema>, TInput> extends true
        ? TSchema
        : never
    : never;
