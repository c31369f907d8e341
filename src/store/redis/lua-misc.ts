// Leases, source state, archive reads, search and purge. Each is one round trip.

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

/**
 * ARGV: base, query JSON {groups: [[setSuffix...]...], since, off, cnt, tmp, exact, scan}. A group
 * is a union (firms: any of); groups are intersected (every token, each filter kind). Scores are
 * published ms, so pages come newest first. Small candidate sets are intersected exactly
 * (ZINTERSTORE into temp keys, exact total). When even the rarest term is common (more than
 * `exact` members), the rarest set is walked newest first by rank and members are checked in the
 * other sets (ZSCORE) until the page is full or `scan` members were seen; the total is then an
 * estimate (matches per member scanned × members). Returns {total, doc, also, ...}.
 */
export const LUA_SEARCH = `
local base = ARGV[1]
local q = cjson.decode(ARGV[2])
local since, off, cnt = q.since, tonumber(q.off), tonumber(q.cnt)
local exact, scan = tonumber(q.exact), tonumber(q.scan)
local groups = {}
for _, g in ipairs(q.groups) do
  local keys = {}
  for _, m in ipairs(g) do keys[#keys + 1] = base..m end
  groups[#groups + 1] = keys
end
local di, dcard, ucard = 0, -1, 0
for gi, g in ipairs(groups) do
  if #g == 1 then
    local c = redis.call('ZCARD', g[1])
    if dcard < 0 or c < dcard then di, dcard = gi, c end
  else
    for _, k in ipairs(g) do ucard = ucard + redis.call('ZCARD', k) end
  end
end
local function page(src)
  return redis.call('ZCOUNT', src, since, '+inf'), redis.call('ZREVRANGEBYSCORE', src, '+inf', since, 'LIMIT', off, cnt)
end
local total, nums
if #groups == 0 then total, nums = page(base..'t:pub')
elseif #groups == 1 and #groups[1] == 1 then total, nums = page(groups[1][1])
elseif (di > 0 and dcard <= exact) or (di == 0 and ucard <= exact) then
  local sets, temps = {}, {}
  for gi, g in ipairs(groups) do
    if #g == 1 then sets[#sets + 1] = g[1]
    else
      local tk = base..'tmp:'..q.tmp..':'..gi
      local args = {'ZUNIONSTORE', tk, #g}
      for _, k in ipairs(g) do args[#args + 1] = k end
      args[#args + 1] = 'AGGREGATE'; args[#args + 1] = 'MAX'
      redis.call(unpack(args))
      sets[#sets + 1] = tk; temps[#temps + 1] = tk
    end
  end
  local src = sets[1]
  if #sets > 1 then
    src = base..'tmp:'..q.tmp
    local args = {'ZINTERSTORE', src, #sets}
    for _, k in ipairs(sets) do args[#args + 1] = k end
    args[#args + 1] = 'AGGREGATE'; args[#args + 1] = 'MAX'
    redis.call(unpack(args))
    temps[#temps + 1] = src
  end
  total, nums = page(src)
  for _, t in ipairs(temps) do redis.call('DEL', t) end
else
  local driver = base..'t:pub'
  if di > 0 then driver = groups[di][1] end
  local avail = redis.call('ZCOUNT', driver, since, '+inf')
  local found, scanned, start, done = 0, 0, 0, false
  nums = {}
  while not done and scanned < scan and #nums < cnt do
    local stop = math.min(start + 499, avail - 1)
    if stop < start then done = true break end
    for _, n in ipairs(redis.call('ZREVRANGE', driver, start, stop)) do
      scanned = scanned + 1
      local ok = true
      for gi, g in ipairs(groups) do
        if gi ~= di then
          local any = false
          for _, k in ipairs(g) do
            if redis.call('ZSCORE', k, n) then any = true break end
          end
          if not any then ok = false break end
        end
      end
      if ok then
        found = found + 1
        if found > off and #nums < cnt then nums[#nums + 1] = n end
      end
    end
    start = stop + 1
    if start >= avail then done = true end
  end
  if done then total = found else total = math.max(found, math.floor(found * avail / math.max(scanned, 1))) end
end
local out = { total }
for _, num in ipairs(nums) do
  local id = redis.call('HGET', base..'n2id', num)
  if id then
    local h = redis.call('HMGET', base..'a:'..id, 'doc', 'also')
    if h[1] then out[#out + 1] = h[1]; out[#out + 1] = h[2] or '[]' end
  end
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
