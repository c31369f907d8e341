// Moves a layout 1 search index (ZSETs `s:<token>`) to layout 2 (lua-postings.ts), a batch of doc
// numbers per call, so Redis never blocks long, then layout 2 to layout 3 (intsets), a SCAN step
// of shards per call. While it runs (`ver` = 'm') ingest writes both
// layouts and search reads layout 1; numbers above `ver:end` were written by ingest already.
import { LUA_INTSETS, LUA_POSTINGS } from './lua-postings.js';

/**
 * ARGV: base, batch. Returns {'done'} or {'more', upTo, end}. A fresh archive is layout 3 at once
 * (ver '2', ix '3').
 * After the switch the layout 1 sets are unlinked (tokens from `xn`, HSCAN cursor `ver:cln`).
 */
export const LUA_MIGRATE = `${LUA_POSTINGS}${LUA_INTSETS}
local base = ARGV[1]
local batch = tonumber(ARGV[2])
-- Layout 2 to 3: every shard x:<day>:<token> (found by SCAN, cursor ix:cur) is built again as the
-- chunks of layout 3, then every filter set's days (tags_v3), while ingest writes both (ix 'm'),
-- so a day written meanwhile is rebuilt whole or already complete. Then the shards are unlinked
-- (cursor ix:cln).
-- Phase 2: each filter set f:<tag> (SCAN, keys queued in ix:fl) gives its days' sets under the
-- token name f:<tag>, a day per turn (ix:fk the set, ix:fd below which day to go on).
local function tags_v3()
  local fpat = string.gsub(base, '([%*%?%[%]\\\\])', '\\\\%1')..'f:*'
  local budget = batch * 4
  local fk = redis.call('GET', base..'ix:fk')
  while budget > 0 do
    if not fk then
      local key = redis.call('LPOP', base..'ix:fl')
      if key then
        if redis.call('TYPE', key).ok == 'zset' then
          fk = key
          redis.call('SET', base..'ix:fk', key)
          redis.call('DEL', base..'ix:fd')
        end
      else
        local cur = redis.call('GET', base..'ix:cur') or '0'
        if cur == 'done' then
          redis.call('SET', base..'ix', '3')
          redis.call('SET', base..'ix:cln', '0')
          redis.call('DEL', base..'ix:cur', base..'ix:ph', base..'ix:fk', base..'ix:fd', base..'ix:fl')
          return {'more', 0, 0}
        end
        local r = redis.call('SCAN', cur, 'MATCH', fpat, 'COUNT', batch)
        if #r[2] > 0 then redis.call('RPUSH', base..'ix:fl', unpack(r[2])) end
        if r[1] == '0' then redis.call('SET', base..'ix:cur', 'done') else redis.call('SET', base..'ix:cur', r[1]) end
        budget = budget - 100
      end
    else
      local hi = redis.call('GET', base..'ix:fd') or '+inf'
      local top = redis.call('ZREVRANGEBYSCORE', fk, hi, '-inf', 'WITHSCORES', 'LIMIT', 0, 1)
      if #top == 0 then
        redis.call('DEL', base..'ix:fk')
        fk = nil
      else
        local d = day_of(top[2])
        local mem = redis.call('ZRANGEBYSCORE', fk, d * DAY, '('..((d + 1) * DAY))
        local nums = {}
        for i, m in ipairs(mem) do nums[i] = tonumber(m) end
        table.sort(nums)
        local sk = d..':f:'..string.sub(fk, #base + 3)
        xi_drop(base, sk)
        xi_add(base, sk, nums)
        redis.call('SET', base..'ix:fd', '('..(d * DAY))
        budget = budget - #nums - 1
      end
    end
  end
  return {'more', 0, 0}
end
local function to_v3()
  local ix = redis.call('GET', base..'ix')
  local pat = string.gsub(base, '([%*%?%[%]\\\\])', '\\\\%1')..'x:*'
  if ix == '3' then
    local c = redis.call('GET', base..'ix:cln')
    if not c then return {'done'} end
    local r = redis.call('SCAN', c, 'MATCH', pat, 'COUNT', batch)
    for _, key in ipairs(r[2]) do redis.call('UNLINK', key) end
    if r[1] == '0' then redis.call('DEL', base..'ix:cln') return {'done'} end
    redis.call('SET', base..'ix:cln', r[1])
    return {'more', 0, 0}
  end
  if ix ~= 'm' then
    if redis.call('ZCARD', base..'t:pub') == 0 then redis.call('SET', base..'ix', '3') return {'done'} end
    redis.call('SET', base..'ix', 'm')
    redis.call('SET', base..'ix:cur', '0')
    redis.call('DEL', base..'ix:ph', base..'ix:fk', base..'ix:fd', base..'ix:fl')
  end
  if redis.call('GET', base..'ix:ph') == 'f' then return tags_v3() end
  local r = redis.call('SCAN', redis.call('GET', base..'ix:cur') or '0', 'MATCH', pat, 'COUNT', batch)
  for _, key in ipairs(r[2]) do
    local s = redis.call('GET', key)
    if s and s ~= '' then
      local sk = string.sub(key, #base + 3)
      xi_drop(base, sk)
      xi_add(base, sk, decode(s))
    end
  end
  if r[1] == '0' then
    redis.call('SET', base..'ix:ph', 'f')
    redis.call('SET', base..'ix:cur', '0')
  else
    redis.call('SET', base..'ix:cur', r[1])
  end
  return {'more', 0, 0}
end
local ver = redis.call('GET', base..'ver')
if ver == '2' then
  local c = redis.call('GET', base..'ver:cln')
  if not c then return to_v3() end
  local r = redis.call('HSCAN', base..'xn', c, 'COUNT', batch)
  for i = 1, #r[2], 2 do redis.call('UNLINK', base..'s:'..r[2][i]) end
  if r[1] == '0' then redis.call('DEL', base..'ver:cln') return {'done'} end
  redis.call('SET', base..'ver:cln', r[1])
  return {'more', 0, 0}
end
if ver ~= 'm' then
  if redis.call('ZCARD', base..'t:pub') == 0 then
    redis.call('SET', base..'ver', '2')
    redis.call('SET', base..'ix', '3')
    return {'done'}
  end
  redis.call('SET', base..'ver', 'm')
  -- Layout 3 is built from layout 2 once this migration is done.
  redis.call('DEL', base..'ix', base..'ix:cur', base..'ix:cln', base..'ix:ph', base..'ix:fk', base..'ix:fd', base..'ix:fl')
  redis.call('SET', base..'ver:end', redis.call('GET', base..'seq') or '0')
  redis.call('SET', base..'ver:cur', '0')
end
local cur = tonumber(redis.call('GET', base..'ver:cur') or '0')
local last = tonumber(redis.call('GET', base..'ver:end') or '0')
local upto = math.min(cur + batch, last)
local add, addk, cnt, days = {}, {}, {}, {}
for n = cur + 1, upto do
  local id = redis.call('HGET', base..'n2id', n)
  local h = id and redis.call('HMGET', base..'a:'..id, 'tok', 'pub')
  if h and h[1] and h[2] then
    local d = day_of(h[2])
    days[d] = true
    for t in string.gmatch(h[1], '[^ ]+') do
      local sk = d..':'..t
      if not add[sk] then add[sk] = {}; addk[#addk + 1] = sk end
      table.insert(add[sk], p4(n))
      cnt[t] = (cnt[t] or 0) + 1
    end
  end
end
-- Migrated numbers are above those of earlier batches and below those ingest appended since.
for _, sk in ipairs(addk) do
  local key = base..'x:'..sk
  local s = redis.call('GET', key) or ''
  local at = lower(s, upto + 1) * 4
  redis.call('SET', key, string.sub(s, 1, at)..table.concat(add[sk])..string.sub(s, at + 1))
end
for t, c in pairs(cnt) do redis.call('HINCRBY', base..'xn', t, c) end
for d in pairs(days) do redis.call('ZADD', base..'xd', d, d) end
if upto >= last then
  redis.call('SET', base..'ver', '2')
  redis.call('SET', base..'ver:cln', '0')
  redis.call('DEL', base..'ver:cur', base..'ver:end')
  return {'more', upto, last}
end
redis.call('SET', base..'ver:cur', upto)
return {'more', upto, last}
`;
