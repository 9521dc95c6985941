// Every script touches the keys of one operation only (one hash slot), or one shared key.

/** The store's clock: Redis server time in ms, the same for every process. */
const NOW = `
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
`;

/**
 * Compare-and-set of one operation's state. The snapshot is computed in
 * JavaScript with the protocol reducer; this script commits it only when the
 * stored `seq` is still the one the snapshot was computed from, and when the
 * ownership conditions hold, so two processes can never both take one `seq`
 * and a process whose lease was taken over can never write again.
 *
 * KEYS: 1 state hash, 2 event list
 * ARGV: 1 expected seq (0 = create), 2 snapshot JSON, 3 event JSON, 4 history limit,
 *       5 TTL ms after the end, 6 '1' when terminal, 7 fencing token ('' = none),
 *       8 '1' = only when the lease ran out, 9 'keep' | 'claim' | 'release',
 *       10 claiming owner, 11 claim lease ms, 12 claim loss policy, 13 queue ('' = none),
 *       14 number N of messages to publish on commit, 15… further events after ARGV[3], in
 *       seq order (a batch of progress), then N pairs of channel and message
 * The messages are Socket.IO adapter messages that deliver the events: published here, they
 * reach the other processes only when the events are stored, and in the order they are.
 * Returns { 1, seq, token, leaseUntil or -1 } on success, else { 0, why, seq, leaseUntil or -1 }
 * with why: 1 exists, 2 missing, 3 seq moved, 4 another owner, 5 lease still running.
 */
export const APPEND_SCRIPT = `${NOW}
local messages = tonumber(ARGV[14])
local lastEvent = #ARGV - 2 * messages
local count = lastEvent - 13
local cur = redis.call('HMGET', KEYS[1], 'seq', 'token', 'owner', 'leaseUntil', 'leaseMs')
local expected = tonumber(ARGV[1])
local seq = cur[1] and tonumber(cur[1]) or -1
local untilNow = cur[4] and tonumber(cur[4]) or -1
if expected == 0 then
  if cur[1] then return {0, 1, seq, untilNow} end
elseif not cur[1] then
  return {0, 2, -1, -1}
elseif seq ~= expected then
  return {0, 3, seq, untilNow}
end
local token = cur[2] and tonumber(cur[2]) or 0
if ARGV[7] ~= '' and ((not cur[3]) or token ~= tonumber(ARGV[7])) then
  return {0, 4, seq, untilNow}
end
if ARGV[8] == '1' and ((not cur[4]) or untilNow > now) then return {0, 5, seq, untilNow} end
-- Every field changes in one HSET: each call from a script costs about as much as the work.
local fields = {'seq', expected + count, 'snapshot', ARGV[2]}
if expected == 0 and ARGV[13] ~= '' then
  fields[#fields + 1] = 'queue'
  fields[#fields + 1] = ARGV[13]
end
local leaseUntil = -1
if ARGV[6] == '1' or ARGV[9] == 'release' then
  redis.call('HDEL', KEYS[1], 'owner', 'leaseUntil', 'leaseMs', 'onLost')
elseif ARGV[9] == 'claim' then
  token = token + 1
  leaseUntil = now + tonumber(ARGV[11])
  for _, value in ipairs({'token', token, 'owner', ARGV[10], 'leaseMs', ARGV[11],
      'leaseUntil', leaseUntil, 'onLost', ARGV[12]}) do
    fields[#fields + 1] = value
  end
elseif ARGV[7] ~= '' and cur[5] then
  -- A write by the owner shows it is alive: it renews the lease.
  leaseUntil = now + tonumber(cur[5])
  fields[#fields + 1] = 'leaseUntil'
  fields[#fields + 1] = leaseUntil
elseif cur[3] then
  leaseUntil = untilNow
end
redis.call('HSET', KEYS[1], unpack(fields))
local length = redis.call('RPUSH', KEYS[2], ARGV[3], unpack(ARGV, 15, lastEvent))
local limit = tonumber(ARGV[4])
if length > limit then redis.call('LTRIM', KEYS[2], -limit, -1) end
-- Nothing lives for ever: an ended operation for the TTL, a running one for its lease plus the TTL.
local ttl = tonumber(ARGV[5])
if ARGV[6] ~= '1' and leaseUntil > now then ttl = ttl + leaseUntil - now end
redis.call('PEXPIRE', KEYS[1], ttl)
redis.call('PEXPIRE', KEYS[2], ttl)
for i = lastEvent + 1, #ARGV, 2 do redis.call('PUBLISH', ARGV[i], ARGV[i + 1]) end
return {1, expected + count, token, leaseUntil}
`;

/**
 * Extends the lease while the token is still the owner's.
 * KEYS: 1 state hash, 2 event list. ARGV: 1 token, 2 lease ms, 3 TTL ms after the end.
 * Returns the new end of the lease, -1 when the caller no longer owns the operation, or -2 when
 * Redis does not hold it.
 */
export const RENEW_SCRIPT = `${NOW}
local cur = redis.call('HMGET', KEYS[1], 'token', 'owner', 'seq')
if not cur[3] then return -2 end
if (not cur[2]) or tonumber(cur[1]) ~= tonumber(ARGV[1]) then return -1 end
local leaseUntil = now + tonumber(ARGV[2])
redis.call('HSET', KEYS[1], 'leaseUntil', leaseUntil, 'leaseMs', ARGV[2])
local ttl = tonumber(ARGV[2]) + tonumber(ARGV[3])
redis.call('PEXPIRE', KEYS[1], ttl)
redis.call('PEXPIRE', KEYS[2], ttl)
return leaseUntil
`;

/**
 * Writes back a running operation Redis lost (never over existing state).
 * KEYS: 1 state hash. ARGV: 1 seq, 2 snapshot JSON, 3 token, 4 owner ('' = none),
 * 5 lease ms, 6 loss policy, 7 queue ('' = none), 8 TTL ms after the end.
 * Returns the end of the lease (or 0 without an owner), or -1 when the state exists.
 */
export const RESTORE_SCRIPT = `${NOW}
if redis.call('EXISTS', KEYS[1]) == 1 then return -1 end
redis.call('HSET', KEYS[1], 'seq', ARGV[1], 'snapshot', ARGV[2], 'token', ARGV[3])
if ARGV[7] ~= '' then redis.call('HSET', KEYS[1], 'queue', ARGV[7]) end
local leaseUntil = 0
local ttl = tonumber(ARGV[8])
if ARGV[4] ~= '' then
  leaseUntil = now + tonumber(ARGV[5])
  redis.call('HSET', KEYS[1], 'owner', ARGV[4], 'leaseMs', ARGV[5], 'leaseUntil', leaseUntil,
    'onLost', ARGV[6])
  ttl = ttl + tonumber(ARGV[5])
end
redis.call('PEXPIRE', KEYS[1], ttl)
return leaseUntil
`;

/**
 * The epoch, created when missing, in one round trip.
 * KEYS: 1 epoch key. ARGV: 1 a new epoch, used only when none exists.
 */
export const EPOCH_SCRIPT = `
local epoch = redis.call('GET', KEYS[1])
if epoch then return epoch end
redis.call('SET', KEYS[1], ARGV[1])
return ARGV[1]
`;
