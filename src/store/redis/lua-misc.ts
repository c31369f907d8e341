// Leases, source state, archive reads and purge. Each is one round trip.

/** KEYS: lease, state. ARGV: owner, ttlMs. Re-entrant for the same owner. Returns {1|0, stateJson|''}. */
export const LUA_LEASE = `
local cur = redis.call('GET', KEYS[1])
if cur and cur ~= ARGV[1] then return {0, ''} end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return {1, redis.call('GET', KEYS[2]) or ''}
`;

/** KEYS: lease. ARGV: owner, ttlMs. */
export const LUA_RENEW = `
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('PEXPIRE', KEYS[1], ARGV[2]) return 1 end
return 0
`;

/** KEYS: lease. ARGV: owner. Compare-and-delete. */
export const LUA_RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

/** ARGV: base, name, stateJson, releaseName|'', releaseOwner. */
export const LUA_SAVE_STATE = `
local base = ARGV[1]
redis.call('SET', base..'src:'..ARGV[2], ARGV[3])
redis.call('SADD', base..'srcs', ARGV[2])
if ARGV[4] ~= '' and redis.call('GET', base..'l:'..ARGV[4]) == ARGV[5] then redis.call('DEL', base..'l:'..ARGV[4]) end
return 1
`;

/** ARGV: base. Returns every saved state JSON. */
export const LUA_STATES = `
local out = {}
for _, n in ipairs(redis.call('SMEMBERS', ARGV[1]..'srcs')) do
  local s = redis.call('GET', ARGV[1]..'src:'..n)
  if s then out[#out + 1] = s end
end
return out
`;

/** ARGV: base, max, min, limit (archive-time index, newest first). Returns flat [doc, also, ...]. */
export const LUA_ALERTS_RANGE = `
local out = {}
for _, id in ipairs(redis.call('ZREVRANGEBYSCORE', ARGV[1]..'t:arch', ARGV[2], ARGV[3], 'LIMIT', 0, ARGV[4])) do
  local h = redis.call('HMGET', ARGV[1]..'a:'..id, 'doc', 'also')
  if h[1] then out[#out + 1] = h[1]; out[#out + 1] = h[2] or '[]' end
end
return out
`;

/** ARGV: base, cutoffMs (exclusive), batch, maxDead. Removes old alerts and their index entries. */
export const LUA_PURGE = `
local base = ARGV[1]
local ids = redis.call('ZRANGEBYSCORE', base..'t:arch', '-inf', '('..ARGV[2], 'LIMIT', 0, ARGV[3])
for _, id in ipairs(ids) do
  local a = base..'a:'..id
  local h = redis.call('HMGET', a, 'n', 'tok', 'fl')
  if h[1] then
    for t in string.gmatch(h[2] or '', '[^ ]+') do redis.call('ZREM', base..'s:'..t, h[1]) end
    for f in string.gmatch(h[3] or '', '[^\\n]+') do redis.call('ZREM', base..'f:'..f, h[1]) end
    redis.call('ZREM', base..'t:pub', h[1])
    redis.call('HDEL', base..'n2id', h[1])
  end
  redis.call('DEL', a, base..'p:'..id)
  redis.call('ZREM', base..'t:arch', id)
end
redis.call('LTRIM', base..'o:dead', 0, tonumber(ARGV[4]) - 1)
return #ids
`;
