import { describe, expect, it } from 'vitest';
import { type ConnectionEvent, type ConnectionStatus, nextStatus } from '../connectionStatus.js';

function run(start: ConnectionStatus, ...events: ConnectionEvent[]): ConnectionStatus[] {
  const seen: ConnectionStatus[] = [];
  for (const event of events) seen.push(nextStatus(seen.at(-1) ?? start, event));
  return seen;
}

describe('nextStatus', () => {
  it('goes connecting → connected → reconnecting → connected across a dropped connection', () => {
    expect(
      run(
        'disconnected',
        { type: 'connect' },
        { type: 'connected' },
        { type: 'lost', willReconnect: true },
        { type: 'attemptFailed', willReconnect: true },
        { type: 'connected' },
      ),
    ).toEqual(['connecting', 'connected', 'reconnecting', 'reconnecting', 'connected']);
  });

  it('reports a failed first attempt as reconnecting, and giving up as disconnected', () => {
    expect(
      run(
        'disconnected',
        { type: 'connect' },
        { type: 'attemptFailed', willReconnect: true },
        { type: 'lost', willReconnect: false },
      ),
    ).toEqual(['connecting', 'reconnecting', 'disconnected']);
  });

  it('ends in unauthorized on refused credentials and stays there until connect()', () => {
    expect(
      run(
        'connecting',
        { type: 'refused', code: 'unauthorized' },
        { type: 'attemptFailed', willReconnect: true },
        { type: 'lost', willReconnect: true },
        { type: 'connect' },
      ),
    ).toEqual(['unauthorized', 'unauthorized', 'unauthorized', 'connecting']);
  });

  it('treats an unsupported protocol version as disconnected, not unauthorized', () => {
    expect(nextStatus('connecting', { type: 'refused', code: 'unsupported_version' })).toBe(
      'disconnected',
    );
  });

  it('lets close() win over late transport events', () => {
    expect(run('connected', { type: 'close' }, { type: 'lost', willReconnect: true })).toEqual([
      'disconnected',
      'disconnected',
    ]);
  });

  it('does not restart an attempt already under way', () => {
    expect(nextStatus('connected', { type: 'connect' })).toBe('connected');
    expect(nextStatus('reconnecting', { type: 'connect' })).toBe('reconnecting');
  });

  it('marks a server-side disconnect without reconnection as disconnected', () => {
    expect(nextStatus('connected', { type: 'lost', willReconnect: false })).toBe('disconnected');
  });
});
