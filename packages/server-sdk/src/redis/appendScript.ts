/**
 * Compare-and-set of one operation's state. The snapshot is computed in
 * JavaScript with the protocol reducer; this script only commits it when the
 * stored `seq` is still the one the snapshot was computed from, so two nodes
 * appending to one operation can never both take the same `seq`.
 *
 * KEYS: 1 state hash, 2 event list, 3 active set, 4 all set
 * ARGV: 1 expected seq (0 = create), 2 snapshot JSON, 3 event JSON, 4 history limit,
 *       5 TTL ms after the end, 6 '1' when terminal, 7 operation id, 8 startedAt
 * Returns: { 1, newSeq } on success, { 0, currentSeq or -1 } on a lost race.
 */
export const APPEND_SCRIPT = `
local current = redis.call('HGET', KEYS[1], 'seq')
local expected = tonumber(ARGV[1])
if expected == 0 then
  if current then return {0, tonumber(current)} end
elseif (not current) or tonumber(current) ~= expected then
  return {0, current and tonumber(current) or -1}
end
redis.call('HSET', KEYS[1], 'seq', expected + 1, 'snapshot', ARGV[2])
redis.call('RPUSH', KEYS[2], ARGV[3])
redis.call('LTRIM', KEYS[2], -tonumber(ARGV[4]), -1)
if expected == 0 then
  redis.call('ZADD', KEYS[3], ARGV[8], ARGV[7])
  redis.call('ZADD', KEYS[4], ARGV[8], ARGV[7])
end
if ARGV[6] == '1' then
  redis.call('ZREM', KEYS[3], ARGV[7])
  redis.call('PEXPIRE', KEYS[1], ARGV[5])
  redis.call('PEXPIRE', KEYS[2], ARGV[5])
end
return {1, expected + 1}
`;

/**
 * Writes a snapshot back when its state is missing (never over existing state).
 * KEYS: 1 state hash, 2 active set, 3 all set. ARGV: 1 seq, 2 snapshot JSON, 3 id, 4 startedAt.
 */
export const RESTORE_SCRIPT = `
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('HSET', KEYS[1], 'seq', ARGV[1], 'snapshot', ARGV[2])
redis.call('ZADD', KEYS[2], ARGV[4], ARGV[3])
redis.call('ZADD', KEYS[3], ARGV[4], ARGV[3])
return 1
`;
