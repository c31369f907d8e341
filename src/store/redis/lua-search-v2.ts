// The search script: one round trip from query to alert documents. Layout 2 (lua-postings.ts)
// answers queries with tokens; filter-only queries, and a store not yet migrated, run the layout 1
// script (lua-search.ts) unchanged. Same hits, order and totals as layout 1: members are visited in
// the order of the ZSETs (published ms desc, then member desc), the rarest term drives, candidate
// sets up to `exact` are counted exactly, larger ones walked newest first up to `scan` members
// until the page is full and `cap` matches were counted.
import { LUA_POSTINGS } from './lua-postings.js';
import { LUA_SEARCH_V1 } from './lua-search.js';

export const LUA_SEARCH = `${LUA_POSTINGS}
local function search_v1()
${LUA_SEARCH_V1}
end
local base = ARGV[1]
if redis.call('GET', base..'ver') ~= '2' then return search_v1() end
local q = cjson.decode(ARGV[2])
local groups, ntok = {}, 0
for _, g in ipairs(q.groups) do
  if #g == 1 and string.sub(g[1], 1, 2) == 's:' then
    groups[#groups + 1] = { tok = string.sub(g[1], 3) }
    ntok = ntok + 1
  else
    local keys = {}
    for _, m in ipairs(g) do keys[#keys + 1] = base..m end
    groups[#groups + 1] = { keys = keys }
  end
end
if ntok == 0 then return search_v1() end
local off, cnt = tonumber(q.off), tonumber(q.cnt)
local exact, scan, countCap = tonumber(q.exact), tonumber(q.scan), tonumber(q.cap)
local since = q.since
local sinceN = nil
if since ~= '-inf' then sinceN = tonumber(since) end
local tpub = base..'t:pub'
local OFF = 500000000000000

local shards = {}
local function shard(tok, d)
  local k = d..':'..tok
  local s = shards[k]
  if s == nil then
    s = redis.call('GET', base..'x:'..k) or false
    shards[k] = s
  end
  return s
end
local function days()
  local lo = '-inf'
  if sinceN then lo = day_of(sinceN) end
  return redis.call('ZREVRANGEBYSCORE', base..'xd', '+inf', lo)
end
local function zmscore(key, nums)
  local out = {}
  for i = 1, #nums, 4000 do
    local r = redis.call('ZMSCORE', key, unpack(nums, i, math.min(i + 3999, #nums)))
    for j = 1, #r do out[i + j - 1] = r[j] end
  end
  return out
end

-- fn(num, pub) for a token's postings on day d with pub >= since, in ZSET order; true = stopped.
local function each_day(tok, d, fn)
  local s = shard(tok, d)
  if not s then return false end
  local lo, hi = d * DAY, (d + 1) * DAY
  if sinceN and sinceN > lo then lo = sinceN end
  if #s / 4 * 4 >= redis.call('ZCOUNT', tpub, lo, '('..hi) then
    -- Dense: the day's documents in order, kept when the token has them.
    local set = {}
    for i = 1, #s, 4 do set[u32(s, i)] = true end
    local o = 0
    while true do
      local r = redis.call('ZREVRANGEBYSCORE', tpub, '('..hi, lo, 'WITHSCORES', 'LIMIT', o, 512)
      for j = 1, #r, 2 do
        local m = tonumber(r[j])
        if set[m] and fn(m, tonumber(r[j + 1])) then return true end
      end
      if #r < 1024 then return false end
      o = o + 512
    end
  end
  -- Sparse: the postings' published times, sorted as the ZSET would (score, then member bytes).
  local nums = decode(s)
  local pubs = zmscore(tpub, nums)
  local keys = {}
  for i, m in ipairs(nums) do
    local p = pubs[i]
    if p then
      p = tonumber(p)
      if p >= lo and p < hi then keys[#keys + 1] = string.format('%016d', p + OFF)..m end
    end
  end
  table.sort(keys)
  for i = #keys, 1, -1 do
    local k = keys[i]
    if fn(tonumber(string.sub(k, 17)), tonumber(string.sub(k, 1, 16)) - OFF) then return true end
  end
  return false
end
local function each_token(tok, fn)
  for _, d in ipairs(days()) do
    if each_day(tok, tonumber(d), fn) then return true end
  end
  return false
end
local function token_card(tok) return tonumber(redis.call('HGET', base..'xn', tok) or '0') end
-- Postings with pub >= since.
local function token_count(tok)
  if not sinceN then return token_card(tok) end
  local sd, n = day_of(sinceN), 0
  for _, d in ipairs(days()) do
    d = tonumber(d)
    if d > sd then n = n + redis.call('STRLEN', base..'x:'..d..':'..tok) / 4
    else each_day(tok, d, function() n = n + 1 return false end) end
  end
  return n
end
local function each_zset(key, fn)
  local o = 0
  while true do
    local r = redis.call('ZREVRANGEBYSCORE', key, '+inf', since, 'WITHSCORES', 'LIMIT', o, 512)
    for j = 1, #r, 2 do
      if fn(tonumber(r[j]), tonumber(r[j + 1])) then return true end
    end
    if #r < 1024 then return false end
    o = o + 512
  end
end

local total, exactTotal, nums = 0, 1, {}
if #groups == 1 then
  -- One token: exact count from the day shards, the page by skipping whole days before it.
  local tok = groups[1].tok
  total = token_count(tok)
  local skip, sd = off, nil
  if sinceN then sd = day_of(sinceN) end
  if cnt > 0 then
    for _, d in ipairs(days()) do
      d = tonumber(d)
      local n = plen(shard(tok, d))
      if n > 0 and (sd == nil or d > sd) and skip >= n then skip = skip - n
      elseif n > 0 and each_day(tok, d, function(m)
        if skip > 0 then skip = skip - 1 return false end
        nums[#nums + 1] = m
        return #nums >= cnt
      end) then break end
    end
  end
else
  -- The rarest single term drives (a token or a one-member filter), as in layout 1.
  local di, dcard = 0, -1
  for gi, g in ipairs(groups) do
    local c = nil
    if g.tok then c = token_card(g.tok) elseif #g.keys == 1 then c = redis.call('ZCARD', g.keys[1]) end
    if c and (dcard < 0 or c < dcard) then di, dcard = gi, c end
  end
  local walk = dcard > exact
  local seen, found, stopped, cut = 0, 0, false, false
  local function visit(m, p)
    if walk and seen >= scan then cut = true return true end
    seen = seen + 1
    local ms = nil
    for gi, g in ipairs(groups) do
      if gi ~= di then
        if g.tok then
          if not has(shard(g.tok, day_of(p)), m) then return false end
        else
          ms = ms or tostring(m)
          local ok = false
          for _, k in ipairs(g.keys) do
            if redis.call('ZSCORE', k, ms) then ok = true break end
          end
          if not ok then return false end
        end
      end
    end
    found = found + 1
    if found > off and #nums < cnt then nums[#nums + 1] = m end
    if walk and #nums >= cnt and found >= countCap then stopped = true return true end
    return false
  end
  local dg = groups[di]
  if dg.tok then each_token(dg.tok, visit) else each_zset(dg.keys[1], visit) end
  total = found
  if cut then exactTotal = 0
  elseif stopped then
    local avail
    if dg.tok then avail = token_count(dg.tok) else avail = redis.call('ZCOUNT', dg.keys[1], since, '+inf') end
    if seen < avail then exactTotal = 0 end
  end
end
local out = { total, exactTotal }
for _, num in ipairs(nums) do
  local id = redis.call('HGET', base..'n2id', num)
  if id then
    local h = redis.call('HMGET', base..'a:'..id, 'doc', 'also')
    if h[1] then out[#out + 1] = h[1]; out[#out + 1] = h[2] or '[]' end
  end
end
return out
`;
