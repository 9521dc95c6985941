import { OpwireError, type Principal, type WireErrorCode } from '@opwire/protocol';
import type { ServerContext } from '../serverContext.js';

/*
 * The request core answers every client request that reads or changes
 * operations (get, list, cancel, resume, and whether an operation room may be
 * joined) once, for every transport. A transport adapter (the socket
 * listeners, the HTTP handler, a framework integration) only:
 *
 *   1. authenticates the caller and finds the rooms it holds (a socket: the
 *      rooms it is in; HTTP: `httpCaller()`, its built-in rooms plus the rooms
 *      it names that the policies allow);
 *   2. validates the input with the protocol's schemas and charges its rate limiter;
 *   3. calls one function `(context, caller, input) => Promise<result | RequestRefusal>`;
 *   4. turns a result into its success answer, and a refusal into its error
 *      answer for `refusal.code` with `refusal.message` as it is.
 *
 * A refusal is returned, never thrown: a rejected promise is a server failure,
 * which the adapter answers as `internal` without details and reports on
 * `opwire.events`. Visibility is decided from `caller.rooms` alone, never by
 * running room policies over an operation's audience, so a missing and an
 * invisible operation take the same path and get the same refusal.
 */

/** What the request functions use of the server. */
export type RequestContext = Pick<ServerContext, 'runtime' | 'running' | 'limits'>;

/** Who asks, and the rooms that decide what it may see. */
export interface Caller {
  /** `null` for an anonymous socket, which sees no operation. */
  readonly principal: Principal | null;
  /** The rooms the caller holds; an operation is visible when its audience shares one. */
  readonly rooms: ReadonlySet<string>;
}

/** A request the core refused: an `OpwireError` whose code is a wire code. */
export type RequestRefusal = OpwireError & { readonly code: WireErrorCode };

/** One request of the core. */
export type RequestFunction<TInput, TResult extends object> = (
  context: RequestContext,
  caller: Caller,
  input: TInput,
) => Promise<TResult | RequestRefusal>;

export function refusal(code: WireErrorCode, message: string): RequestRefusal {
  return new OpwireError(code, message) as RequestRefusal;
}

export function isRefusal(value: object): value is RequestRefusal {
  return value instanceof OpwireError;
}

/** The one answer for a missing operation and for one the caller may not see. */
export const NOT_FOUND_MESSAGE = 'No such operation, or you may not see it.';

export function notFound(): RequestRefusal {
  return refusal('not_found', NOT_FOUND_MESSAGE);
}

/** Most snapshots one list answer carries, newest first. */
export const LIST_LIMIT = 100;
