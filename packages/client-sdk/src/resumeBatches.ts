import { MAX_RESUME_OPERATIONS } from '@opwire/protocol';

/**
 * Largest resume request the client sends, in bytes of JSON. An opwire server
 * accepts client messages up to 16 KiB by default (`maxHttpBufferSize`) and
 * drops the connection on a bigger one, so a full batch of
 * `MAX_RESUME_OPERATIONS` positions with UUID ids would never get through.
 */
export const RESUME_BATCH_BYTES = 12 * 1024;

/**
 * Splits items into batches that each stay under `maxBytes` (as measured by
 * `sizeOf`) and `maxCount` items. An item larger than `maxBytes` on its own
 * still gets a batch of its own.
 */
export function resumeBatches<T>(
  items: readonly T[],
  sizeOf: (item: T) => number,
  maxBytes = RESUME_BATCH_BYTES,
  maxCount = MAX_RESUME_OPERATIONS,
): T[][] {
  const batches: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const item of items) {
    const size = sizeOf(item) + 1;
    if (current.length > 0 && (bytes + size > maxBytes || current.length >= maxCount)) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(item);
    bytes += size;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}
