import { OpwireError } from '@opwire/protocol';
import type { ProgressReport } from './operationHandle.js';

/**
 * Reads `op.progress()`'s arguments, positional (`percent, message?, details?`) or one
 * {@link ProgressReport}, into a new report; refuses a percent that is not a finite number.
 */
export function readProgressArguments<TDetails>(
  first: number | ProgressReport<TDetails>,
  message?: string,
  details?: TDetails,
): ProgressReport<TDetails> {
  const isReport = typeof first === 'object' && first !== null && !Array.isArray(first);
  if (isReport && (message !== undefined || details !== undefined)) {
    throw new OpwireError(
      'invalid_payload',
      'op.progress() takes either (percent, message?, details?) or one { percent, message?, details? } object, not both.',
    );
  }
  const given = isReport ? first : { percent: first, message, details };
  if (typeof given.percent !== 'number' || !Number.isFinite(given.percent)) {
    throw new OpwireError(
      'invalid_payload',
      `op.progress() needs a finite number for percent, got ${describe(given.percent)}.`,
    );
  }
  const report: ProgressReport<TDetails> = { percent: given.percent };
  if (given.message !== undefined) report.message = given.message;
  if (given.details !== undefined) report.details = given.details;
  return report;
}

function describe(value: unknown): string {
  return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
}
