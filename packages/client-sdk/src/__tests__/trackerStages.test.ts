import type { OperationSnapshot } from '@opwire/protocol';
import { describe, expect, it } from 'vitest';
import { trackerStages } from '../observers/trackerStages.js';

const snapshot = (fields: Partial<OperationSnapshot>): OperationSnapshot => ({
  id: 'op1',
  type: 'import',
  status: 'running',
  percent: 0,
  stage: null,
  message: null,
  details: null,
  result: null,
  error: null,
  title: null,
  stages: ['parse', 'import', 'verify'],
  audience: ['user:u1'],
  tables: [],
  toastTitles: null,
  estimatedDurationMs: null,
  startedAt: 0,
  updatedAt: 0,
  endedAt: null,
  attempt: 1,
  attempts: 1,
  seq: 1,
  ...fields,
});

const states = (stages: ReturnType<typeof trackerStages>) => stages.map((stage) => stage.state);

describe('trackerStages', () => {
  it('marks stages before the current one done, it active, and later ones pending', () => {
    expect(states(trackerStages(undefined, snapshot({ stage: 'import' })))).toEqual([
      'done',
      'active',
      'pending',
    ]);
  });

  it('leaves every stage pending before a declared stage is reported, or without a snapshot', () => {
    expect(states(trackerStages(undefined, snapshot({})))).toEqual([
      'pending',
      'pending',
      'pending',
    ]);
    expect(states(trackerStages(undefined, snapshot({ stage: 'unknown' })))).toEqual([
      'pending',
      'pending',
      'pending',
    ]);
    expect(trackerStages(undefined, null)).toEqual([]);
    expect(states(trackerStages(['a', 'b'], null))).toEqual(['pending', 'pending']);
  });

  it('marks every stage done once succeeded, and keeps a failed one where it stopped', () => {
    expect(
      states(trackerStages(undefined, snapshot({ status: 'succeeded', stage: 'import' }))),
    ).toEqual(['done', 'done', 'done']);
    expect(
      states(trackerStages(undefined, snapshot({ status: 'failed', stage: 'parse' }))),
    ).toEqual(['active', 'pending', 'pending']);
  });

  it('prefers the stages given, with labels, over the declared ones', () => {
    expect(
      trackerStages(
        [{ name: 'import', label: 'Importing' }, 'verify'],
        snapshot({ stage: 'verify' }),
      ),
    ).toEqual([
      { name: 'import', label: 'Importing', state: 'done', index: 0 },
      { name: 'verify', label: 'verify', state: 'active', index: 1 },
    ]);
  });
});
