import { setTimeout as sleep } from 'node:timers/promises';
import { defineOperation, type OperationReporter } from '@opwire/server';
import type { DirectoryUser } from './users.js';

/** The stages of a CSV user import, in order. */
export const IMPORT_STAGES = ['parsing', 'validating', 'importing', 'finalizing'] as const;
export type ImportStage = (typeof IMPORT_STAGES)[number];

/** Progress details: rows handled so far out of all rows. */
export interface ImportDetails {
  processed: number;
  total: number;
}

/** The result of an import: rows added, and duplicates skipped. */
export interface ImportResult {
  imported: number;
  skipped: number;
}

/** What a client may ask for in `POST /api/imports`. */
export interface ImportRequest {
  /** Rows in the simulated CSV file. @default 24 */
  rows: number;
  /** Make validation fail half way, to see the failure path. */
  fail: boolean;
}

/** The typed operation: `op.stage()` only accepts the four stages. */
export const userImport = defineOperation<ImportResult, ImportDetails, ImportStage>({
  type: 'user-import',
  stages: IMPORT_STAGES,
});

/** An error whose `code` reaches clients next to its message. */
export class ImportError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = 'ImportError';
  }
}

/** Reads `{ rows?, fail? }` from a request body; a string says what is wrong. */
export function parseImportRequest(body: unknown): ImportRequest | string {
  const { rows = 24, fail = false } = (body ?? {}) as { rows?: unknown; fail?: unknown };
  if (typeof rows !== 'number' || !Number.isInteger(rows) || rows < 1 || rows > 500) {
    return '"rows" must be an integer from 1 to 500';
  }
  if (typeof fail !== 'boolean') return '"fail" must be true or false';
  return { rows, fail };
}

/**
 * How fast the simulated import runs: at speed 1 it takes about 12 seconds;
 * tests set `IMPORT_SPEED=20` or so.
 */
export function importSpeed(value = process.env.IMPORT_SPEED): number {
  const speed = Number(value ?? 1);
  return Number.isFinite(speed) && speed > 0 ? speed : 1;
}

/** Roughly how long an import takes at this speed, for the client's time-left estimate. */
export function importDurationMs(speed = importSpeed()): number {
  return Math.round(12_000 / speed);
}

export interface RunImportOptions {
  speed?: number;
  /** Stores the imported users (the web servers add them to their users table). */
  save?: (users: DirectoryUser[]) => void | Promise<void>;
}

const FIRST = ['Ada', 'Grace', 'Alan', 'Edsger', 'Barbara', 'Ken', 'Radia', 'Linus', 'Margaret'];
const LAST = ['Lovelace', 'Hopper', 'Turing', 'Dijkstra', 'Liskov', 'Thompson', 'Perlman'];

/**
 * A simulated CSV user import: parses, validates, imports and finalizes rows
 * with realistic pauses, reporting through `op`. Every twelfth row is a
 * duplicate and is skipped. Stops when `op.signal` aborts (cancel button).
 */
export async function runUserImport(
  op: OperationReporter<ImportDetails, ImportStage>,
  request: ImportRequest,
  options: RunImportOptions = {},
): Promise<ImportResult> {
  const total = request.rows;
  const budget = importDurationMs(options.speed);
  const pause = (share: number, steps: number) =>
    sleep((budget * share) / steps, undefined, { signal: op.signal });
  const at = (start: number, span: number, done: number) => start + (span * done) / total;

  op.stage('parsing', 'Reading users.csv');
  for (let row = 1; row <= total; row += 1) {
    await pause(0.15, total);
    op.progress(at(0, 10, row), `Parsed line ${row} of ${total}`, { processed: row, total });
  }

  op.stage('validating', 'Checking e-mail addresses');
  const failAt = Math.ceil(total / 2);
  for (let row = 1; row <= total; row += 1) {
    await pause(0.15, total);
    if (request.fail && row === failAt) {
      throw new ImportError(`Row ${row}: "not-an-email" is not an e-mail address`, 'invalid_row');
    }
    op.progress(at(10, 15, row), `Validated ${row} of ${total} rows`, { processed: row, total });
  }

  op.stage('importing', 'Creating users');
  const users: DirectoryUser[] = [];
  let skipped = 0;
  for (let row = 1; row <= total; row += 1) {
    await pause(0.6, total);
    if (row % 12 === 0) skipped += 1;
    else users.push(fakeUser(row));
    op.progress(at(25, 70, row), `Imported ${users.length} users, skipped ${skipped}`, {
      processed: row,
      total,
    });
  }

  op.stage('finalizing', 'Updating the users table');
  await pause(0.1, 1);
  await options.save?.(users);
  op.progress(100, `Imported ${users.length} users, skipped ${skipped} duplicates`, {
    processed: total,
    total,
  });
  return { imported: users.length, skipped };
}

function fakeUser(row: number): DirectoryUser {
  const first = FIRST[row % FIRST.length] ?? 'Sam';
  const last = LAST[(row * 5) % LAST.length] ?? 'Smith';
  const suffix = Math.random().toString(36).slice(2, 6);
  return {
    id: `u-${suffix}-${row}`,
    name: `${first} ${last}`,
    email: `${first}.${last}.${suffix}@example.com`.toLowerCase(),
    source: 'import',
    createdAt: new Date().toISOString(),
  };
}
