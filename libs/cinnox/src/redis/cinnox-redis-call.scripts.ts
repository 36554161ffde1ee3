// The call store's writes, each one atomic Lua script: whichever replica runs one first decides the
// transition (started, completed, stale), so no second replica, redelivery or retry can repeat it.
// Record hash fields: serviceId, caller, callees (JSON), startedAt, endedAt, durationMs (ms), status,
// recordingStatus, pending (the queue delivery whose completion is not yet confirmed), settledAt (ms) and cinnox
// (JSON, CINNOX's reported fields) once settled, source (absent: 'webhook').

// The index holds every record by first receipt (ZADD NX), for listing newest first.

/** KEYS: record, active set, index. ARGV: id, serviceId, caller, callees, startedAt, now, activeTtlMs, retentionMs. */
export const START_SCRIPT = `
local status = redis.call('HGET', KEYS[1], 'status')
local change = 'duplicate'
if not status then
  redis.call('HSET', KEYS[1], 'serviceId', ARGV[2], 'caller', ARGV[3], 'callees', ARGV[4], 'startedAt', ARGV[5], 'status', 'active')
  redis.call('PEXPIRE', KEYS[1], ARGV[7])
  redis.call('ZADD', KEYS[2], ARGV[5], ARGV[1])
  redis.call('ZADD', KEYS[3], 'NX', ARGV[6], ARGV[1])
  change = 'started'
elseif status == 'ended' and redis.call('HEXISTS', KEYS[1], 'startedAt') == 0 then
  redis.call('HSET', KEYS[1], 'caller', ARGV[3], 'callees', ARGV[4], 'startedAt', ARGV[5])
  redis.call('PEXPIRE', KEYS[1], ARGV[8])
  change = 'filled'
end
return {change, redis.call('HGETALL', KEYS[1])}`;

/** KEYS: record, active set, index. ARGV: id, serviceId, endedAt, now, retentionMs, deliveryId ('' inline). */
export const END_SCRIPT = `
local known = redis.call('HMGET', KEYS[1], 'status', 'startedAt', 'pending')
if known[1] == 'ended' then
  local again = ARGV[6] ~= '' and known[3] == ARGV[6]
  return {again and 'repeat' or '', redis.call('HGETALL', KEYS[1])}
end
if not known[1] then redis.call('HSET', KEYS[1], 'serviceId', ARGV[2]) end
redis.call('HSET', KEYS[1], 'status', 'ended', 'endedAt', ARGV[3])
if known[2] then redis.call('HSET', KEYS[1], 'durationMs', math.max(0, tonumber(ARGV[3]) - tonumber(known[2]))) end
if ARGV[6] ~= '' then redis.call('HSET', KEYS[1], 'pending', ARGV[6]) end
redis.call('PEXPIRE', KEYS[1], ARGV[5])
redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('ZADD', KEYS[3], 'NX', ARGV[4], ARGV[1])
return {'first', redis.call('HGETALL', KEYS[1])}`;

/**
 * KEYS: record. ARGV: outcome, retentionMs. A call not known yet gets a placeholder hash without a status
 * (hidden from reads), kept retentionMs; its start or end then fills the same hash, keeping the outcome.
 */
export const RECORDING_SCRIPT = `
local status = redis.call('HGET', KEYS[1], 'status')
redis.call('HSET', KEYS[1], 'recordingStatus', ARGV[1])
if not status then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return {}
end
return redis.call('HGETALL', KEYS[1])`;

/** KEYS: record. ARGV: deliveryId. */
export const CONFIRM_SCRIPT = `
if redis.call('HGET', KEYS[1], 'pending') == ARGV[1] then redis.call('HDEL', KEYS[1], 'pending') end
return 0`;

/**
 * KEYS: active set, index. ARGV: startedBefore, limit, retentionMs, now, record key prefix, index horizon.
 * Record keys are derived from the ids, so in Redis Cluster give the store a prefix with a hash tag.
 */
export const CLAIM_STALE_SCRIPT = `
local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, ARGV[2])
local claimed = {}
for _, id in ipairs(ids) do
  redis.call('ZREM', KEYS[1], id)
  local key = ARGV[5] .. id
  if redis.call('HGET', key, 'status') == 'active' then
    redis.call('HSET', key, 'status', 'stale')
    redis.call('PEXPIRE', key, ARGV[3])
    claimed[#claimed + 1] = id
    claimed[#claimed + 1] = redis.call('HGETALL', key)
  end
end
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', '(' .. ARGV[6])
return claimed`;

/** KEYS: record. ARGV: cinnox (JSON, 'null' when CINNOX had no record), now. Settles an ended call once. */
export const SETTLE_SCRIPT = `
local known = redis.call('HMGET', KEYS[1], 'status', 'settledAt')
if known[1] ~= 'ended' or known[2] then return {} end
redis.call('HSET', KEYS[1], 'cinnox', ARGV[1], 'settledAt', ARGV[2])
return redis.call('HGETALL', KEYS[1])`;

/**
 * KEYS: record, active set, index. ARGV: id, serviceId, caller, callees (JSON), startedAt ('' when none),
 * endedAt, now, retentionMs, cinnox (JSON). Completes from CINNOX's report a call not ended yet, once.
 */
export const REPORT_SCRIPT = `
local known = redis.call('HMGET', KEYS[1], 'status', 'startedAt')
if known[1] == 'ended' then return {'', redis.call('HGETALL', KEYS[1])} end
local started = known[2]
local completion = 'completed'
if not known[1] then
  completion = 'added'
  redis.call('HSET', KEYS[1], 'serviceId', ARGV[2], 'caller', ARGV[3], 'callees', ARGV[4])
  if ARGV[5] ~= '' then
    redis.call('HSET', KEYS[1], 'startedAt', ARGV[5])
    started = ARGV[5]
  end
end
redis.call('HSET', KEYS[1], 'status', 'ended', 'endedAt', ARGV[6], 'source', 'report', 'cinnox', ARGV[9])
if started then redis.call('HSET', KEYS[1], 'durationMs', math.max(0, tonumber(ARGV[6]) - tonumber(started))) end
redis.call('PEXPIRE', KEYS[1], ARGV[8])
redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('ZADD', KEYS[3], 'NX', ARGV[7], ARGV[1])
return {completion, redis.call('HGETALL', KEYS[1])}`;

/** KEYS: window. ARGV: owner, until, now. A hash: owner and until while leased (it expires then), done once finished. */
export const LEASE_WINDOW_SCRIPT = `
local known = redis.call('HMGET', KEYS[1], 'owner', 'until', 'done')
if known[3] then return 'done' end
if known[1] and known[1] ~= ARGV[1] and tonumber(known[2]) > tonumber(ARGV[3]) then return 'held' end
local ttl = tonumber(ARGV[2]) - tonumber(ARGV[3])
if ttl <= 0 then
  redis.call('DEL', KEYS[1])
  return 'leased'
end
redis.call('HSET', KEYS[1], 'owner', ARGV[1], 'until', ARGV[2])
redis.call('PEXPIRE', KEYS[1], ttl)
return 'leased'`;

/** KEYS: window. ARGV: retentionMs. */
export const FINISH_WINDOW_SCRIPT = `
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], 'done', '1')
redis.call('PEXPIRE', KEYS[1], ARGV[1])
return 0`;
