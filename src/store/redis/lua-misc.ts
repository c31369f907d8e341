// Leases, source state, archive reads and purge. Each is one round trip.
import { LUA_INTSETS, LUA_MULTI, LUA_POSTINGS } from './lua-postings.js';

/** KEYS: lease, state. ARGV: owner, ttlMs. Re-entrant for the same owner. Returns {1|0, stateJson|''}. */
export const LUA_LEASE = `
local cur = redis.call('GET', KEYS[1])
if cur and cur ~= ARGV[1] then return {0, ''} end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return {1, redis.call('GET', KEYS[2]) or ''}
`;

/**
 * ARGV: base, owner, ttlMs, name... Takes every free lease (or the owner's own) among the names, all
 * in one step, and returns {name, stateJson|'', ...} for those taken.
 */
export const LUA_LEASE_MANY = `
local base, owner, ttl = ARGV[1], ARGV[2], ARGV[3]
local out = {}
for i = 4, #ARGV do
  local key = base..'l:'..ARGV[i]
  local cur = redis.call('GET', key)
  if not cur or cur == owner then
    redis.call('SET', key, owner, 'PX', ttl)
    out[#out + 1] = ARGV[i]
    out[#out + 1] = redis.call('GET', base..'src:'..ARGV[i]) or ''
  end
end
return out
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

/**
 * read_alerts appends each alert's doc and also to out, in order, skipping ids that are false or
 * gone (the doc is the string `ad:<id>`, or, for alerts archived before it moved there, the hash
 * field `doc`; the strings are read in one MGET); page_out builds a search page from alert
 * numbers. Expects `multi` (LUA_MULTI) in scope.
 */
export const LUA_ALERT_READ = `
local function read_alerts(base, ids, out)
  local also, docs, need = {}, {}, {}
  for i, id in ipairs(ids) do
    if id then
      local h = redis.call('HMGET', base..'a:'..id, 'also', 'doc')
      if h[1] then
        also[i], docs[i] = h[1], h[2]
        if not h[2] then need[#need + 1] = i end
      end
    end
  end
  if #need > 0 then
    local keys = {}
    for x, i in ipairs(need) do keys[x] = base..'ad:'..ids[i] end
    local got = multi('MGET', nil, keys)
    for x, i in ipairs(need) do docs[i] = got[x] end
  end
  for i = 1, #ids do
    if also[i] and docs[i] then out[#out + 1] = docs[i]; out[#out + 1] = also[i] end
  end
end
-- A search page: {total, exact (1|0), doc, also, ...} for the alert numbers of the page.
local function page_out(base, total, exact, nums)
  local out = { total, exact }
  read_alerts(base, multi('HMGET', base..'n2id', nums), out)
  return out
end
`;

/** ARGV: base, max, min, limit (archive-time index, newest first). Returns flat [doc, also, ...]. */
export const LUA_ALERTS_RANGE = `${LUA_MULTI}${LUA_ALERT_READ}
local out = {}
read_alerts(ARGV[1], redis.call('ZREVRANGEBYSCORE', ARGV[1]..'t:arch', ARGV[2], ARGV[3], 'LIMIT', 0, ARGV[4]), out)
return out
`;

/**
 * Purge, step 1 (read-only). ARGV: base, cutoffMs (exclusive), batch. The oldest archived ids
 * before the cutoff, flat [id, doc, ...]: doc when layout 2's purge needs the caller to derive the
 * alert's tokens (purge.ts), '' when the hash lists them itself (layout 1) or is gone.
 */
export const LUA_PURGE_SCAN = `
local base = ARGV[1]
local out = {}
for _, id in ipairs(redis.call('ZRANGEBYSCORE', base..'t:arch', '-inf', '('..ARGV[2], 'LIMIT', 0, ARGV[3])) do
  local h = redis.call('HMGET', base..'a:'..id, 'n', 'tok', 'doc')
  local doc = ''
  if h[1] and not h[2] then doc = h[3] or redis.call('GET', base..'ad:'..id) or '' end
  out[#out + 1] = id
  out[#out + 1] = doc
end
return out
`;

/**
 * Purge, step 2. ARGV: base, {ids, toks} JSON (from step 1; toks[i] space-separated, used when the
 * hash has no tok field), maxDead. Removes those alerts (unless already gone) and their index
 * entries: layout 2 postings are cut from each day shard once per call (lua-postings.ts), layout 3
 * postings removed from each chunk of a token's day, layout 1 ZSETs member by member while they exist.
 */
export const LUA_PURGE = `${LUA_POSTINGS}${LUA_INTSETS}
local base = ARGV[1]
local p = cjson.decode(ARGV[2])
local ver = redis.call('GET', base..'ver')
local ix = redis.call('GET', base..'ix')
local v3 = ver == '2' and (ix == '3' or ix == 'm')
local v2, v1 = (ver == '2' or ver == 'm') and ix ~= '3', ver ~= '2'
local rm, rmk, ds = {}, {}, {}
local rmf, rmfk = {}, {}
for i, id in ipairs(p.ids) do
  local a = base..'a:'..id
  local h = redis.call('HMGET', a, 'n', 'tok', 'fl', 'pub')
  if h[1] and redis.call('ZSCORE', base..'t:arch', id) then
    local d = h[4] and day_of(h[4])
    for t in string.gmatch(h[2] or p.toks[i] or '', '[^ ]+') do
      if v1 then redis.call('ZREM', base..'s:'..t, h[1]) end
      if (v2 or v3) and d then
        local sk = d..':'..t
        if not rm[sk] then rm[sk] = {}; rmk[#rmk + 1] = sk end
        table.insert(rm[sk], tonumber(h[1]))
      end
    end
    if d then ds[d] = true end
    for f in string.gmatch(h[3] or '', '[^\\n]+') do
      redis.call('ZREM', base..'f:'..f, h[1])
      if v3 and d then
        local sk = d..':f:'..f
        if not rmf[sk] then rmf[sk] = {}; rmfk[#rmfk + 1] = sk end
        table.insert(rmf[sk], tonumber(h[1]))
      end
    end
    redis.call('ZREM', base..'t:pub', h[1])
    redis.call('HDEL', base..'n2id', h[1])
  end
  redis.call('DEL', a, base..'ad:'..id, base..'p:'..id)
  redis.call('ZREM', base..'t:arch', id)
end
local gone = {}
for _, sk in ipairs(rmk) do
  local nums = rm[sk]
  table.sort(nums)
  local n = 0
  if v2 then
    local key = base..'x:'..sk
    local s = redis.call('GET', key)
    if s then
      local rest
      rest, n = without(s, nums)
      if n > 0 then
        if rest == '' then redis.call('DEL', key) else redis.call('SET', key, rest) end
      end
    end
  end
  -- While layout 3 is built (ix 'm') both hold the postings; counts follow layout 2 then.
  if v3 then
    local n3 = xi_rem(base, sk, nums)
    if not v2 then n = n3 end
  end
  if n > 0 then
    local t = string.match(sk, '^[^:]*:(.*)$')
    gone[t] = (gone[t] or 0) + n
  end
end
for _, sk in ipairs(rmfk) do xi_rem(base, sk, rmf[sk]) end
for t, n in pairs(gone) do
  if redis.call('HINCRBY', base..'xn', t, -n) <= 0 then redis.call('HDEL', base..'xn', t) end
end
for d in pairs(ds) do
  if redis.call('ZCOUNT', base..'t:pub', d * DAY, '('..((d + 1) * DAY)) == 0 then redis.call('ZREM', base..'xd', d) end
end
redis.call('LTRIM', base..'o:dead', 0, tonumber(ARGV[3]) - 1)
return #p.ids
`;
