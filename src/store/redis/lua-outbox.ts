// Outbox scripts: a Redis Stream with one consumer group. A delivery's state lives in a hash
// (json, attempts, notBefore, lastError, retry, sid = its current stream entry); retries wait in a
// ZSET scored by notBefore and go back onto the stream when due; dead letters in a list.
import { LUA_ENQUEUE_FN } from './lua-ingest.js';
import { GROUP } from './keys.js';

const ENSURE_GROUP = `redis.pcall('XGROUP', 'CREATE', base..'o:stream', '${GROUP}', '0', 'MKSTREAM')`;

/** ARGV: base, mret, nowMs, then JSON [[delivery, notBeforeMs], ...]. Returns the number enqueued. */
export const LUA_ENQUEUE = `${LUA_ENQUEUE_FN}
local base = ARGV[1]
local n = 0
for _, x in ipairs(cjson.decode(ARGV[4])) do n = n + enqueue_one(base, ARGV[2], x[1], x[2], ARGV[3]) end
return n
`;

/**
 * ARGV: base, consumer, max, leaseMs, nowMs. Returns flat [json, attempts, notBefore, lastError, retry]
 * per claimed delivery. Takeover: pending entries whose lease (stored with the delivery, on the
 * caller's clock) ran out move to this consumer with XCLAIM, this consumer's own included: a
 * claim interrupted by a store error is forgotten by the worker, and would otherwise stay
 * pending until a restart. Then new entries by XREADGROUP.
 */
export const LUA_CLAIM = `
local base, consumer, max, leaseMs, nowMs = ARGV[1], ARGV[2], tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5])
local s = base..'o:stream'
${ENSURE_GROUP}
for _, id in ipairs(redis.call('ZRANGEBYSCORE', base..'o:delayed', '-inf', nowMs, 'LIMIT', 0, 1000)) do
  redis.call('ZREM', base..'o:delayed', id)
  local key = base..'o:d:'..id
  if redis.call('EXISTS', key) == 1 then redis.call('HSET', key, 'sid', redis.call('XADD', s, '*', 'd', id)) end
end
local entries = {}
for _, pe in ipairs(redis.call('XPENDING', s, '${GROUP}', '-', '+', 200)) do
  if #entries >= max then break end
  local sid = pe[1]
  local xr = redis.call('XRANGE', s, sid, sid)
  local did = xr[1] and xr[1][2][2]
  local lu = did and tonumber(redis.call('HGET', base..'o:d:'..did, 'leaseUntil') or '0') or 0
  if (not did) or lu <= nowMs then
    local got = redis.call('XCLAIM', s, '${GROUP}', consumer, 0, sid)
    if got[1] and got[1][2] then entries[#entries + 1] = got[1] else redis.call('XACK', s, '${GROUP}', sid) end
  end
end
if #entries < max then
  local r = redis.call('XREADGROUP', 'GROUP', '${GROUP}', consumer, 'COUNT', max - #entries, 'STREAMS', s, '>')
  if r then for _, en in ipairs(r[1][2]) do entries[#entries + 1] = en end end
end
local out = {}
for _, en in ipairs(entries) do
  local sid, id = en[1], en[2][2]
  local key = base..'o:d:'..id
  local h = redis.call('HMGET', key, 'json', 'attempts', 'notBefore', 'lastError', 'sid', 'retry')
  if (not h[1]) or h[5] ~= sid then
    redis.call('XACK', s, '${GROUP}', sid)
    redis.call('XDEL', s, sid)
  else
    redis.call('HSET', key, 'consumer', consumer, 'leaseUntil', string.format('%d', nowMs + leaseMs))
    out[#out + 1] = h[1]; out[#out + 1] = h[2] or '0'; out[#out + 1] = h[3] or ''; out[#out + 1] = h[4] or ''; out[#out + 1] = h[6] or ''
  end
end
return out
`;

const ACK = `
local function ack(base, key)
  local sid = redis.call('HGET', key, 'sid')
  if sid then
    redis.pcall('XACK', base..'o:stream', '${GROUP}', sid)
    redis.call('XDEL', base..'o:stream', sid)
    redis.call('HDEL', key, 'sid')
  end
end
`;

/** ARGV: base, id, postedField ('' for none), postedAlertId, postedJson. */
export const LUA_COMPLETE = `${ACK}
local base, id = ARGV[1], ARGV[2]
local key = base..'o:d:'..id
ack(base, key)
redis.call('DEL', key)
redis.call('ZREM', base..'o:delayed', id)
if ARGV[3] ~= '' then redis.call('HSET', base..'p:'..ARGV[4], ARGV[3], ARGV[5]) end
return 1
`;

/** ARGV: base, id, notBeforeMs, notBeforeIso, error, retry ('streak:forgiven', '' for none). */
export const LUA_RETRY = `${ACK}
local base, id = ARGV[1], ARGV[2]
local key = base..'o:d:'..id
if redis.call('EXISTS', key) == 0 then return 0 end
ack(base, key)
redis.call('HSET', key, 'notBefore', ARGV[4], 'lastError', ARGV[5])
if ARGV[6] ~= '' then redis.call('HSET', key, 'retry', ARGV[6]) else redis.call('HDEL', key, 'retry') end
redis.call('ZADD', base..'o:delayed', ARGV[3], id)
return 1
`;

/** ARGV: base, id, error, maxDead. */
export const LUA_DEAD = `${ACK}
local base, id = ARGV[1], ARGV[2]
local key = base..'o:d:'..id
local h = redis.call('HMGET', key, 'json', 'attempts')
if not h[1] then return 0 end
ack(base, key)
redis.call('ZREM', base..'o:delayed', id)
redis.call('LPUSH', base..'o:dead', cjson.encode({ d = h[1], a = h[2] or '0', e = ARGV[3] }))
redis.call('LTRIM', base..'o:dead', 0, tonumber(ARGV[4]) - 1)
redis.call('DEL', key)
return 1
`;

/** ARGV: base, id, consumer. Returns the new attempt count (0 when the delivery is gone). */
export const LUA_ATTEMPT = `
local key = ARGV[1]..'o:d:'..ARGV[2]
if redis.call('EXISTS', key) == 0 then return 0 end
redis.call('HSET', key, 'consumer', ARGV[3])
return redis.call('HINCRBY', key, 'attempts', 1)
`;

/** ARGV: base. Returns {streamLength, inFlight, delayed, dead}. */
export const LUA_STATS = `
local base = ARGV[1]
local s = base..'o:stream'
local inflight = 0
local ok, xp = pcall(redis.call, 'XPENDING', s, '${GROUP}')
if ok and xp then inflight = xp[1] end
return { redis.call('XLEN', s), inflight, redis.call('ZCARD', base..'o:delayed'), redis.call('LLEN', base..'o:dead') }
`;
