/*
 * What answering a request costs, in units of the rate limiters
 * (`limits.requestsPerSecond`, `limits.httpRequestsPerSecond`). Every request
 * costs one unit; the work that grows with the request costs more, so a
 * caller that asks for a lot runs out of units as fast as one that asks often.
 */

/** Operations a resume may name per extra unit (store reads). */
export const OPERATIONS_PER_UNIT = 50;
/** Bytes of a resume answer (events and snapshots) per extra unit, charged once it is known. */
export const ANSWER_BYTES_PER_UNIT = 64 * 1024;
/** Rooms an HTTP request may name per extra unit (room policy calls). */
export const NAMED_ROOMS_PER_UNIT = 10;

/** Units charged before a resume runs, from the number of operations it names. */
export function resumeCost(namedOperations: number): number {
  return 1 + Math.floor(namedOperations / OPERATIONS_PER_UNIT);
}

/** Units charged after a resume answered, from the bytes of its answer. */
export function answerCost(answerBytes: number): number {
  return Math.floor(answerBytes / ANSWER_BYTES_PER_UNIT);
}

/** Units an HTTP request costs, from the number of rooms it names. */
export function httpRequestCost(namedRooms: number): number {
  return 1 + Math.floor(namedRooms / NAMED_ROOMS_PER_UNIT);
}
