// The search script: one round trip from query to alert documents. Layout 3 (intsets,
// lua-search-v3.ts) answers queries with tokens once the index is on it (ix '3'); until then,
// layout 2 (lua-postings.ts, the code below) does; filter-only queries, and a store not yet migrated, run the layout 1
// script (lua-search.ts) unchanged. Same hits, order and totals as layout 1: members are visited in
// the order of the ZSETs (published ms desc, then member desc), the rarest term drives, candidate
// sets up to `exact` are counted exactly, larger ones walked newest first up to `scan` members
// until the page is full and `cap` matches were counted.
import { LUA_POSTINGS } from './lua-postings.js';
import { LUA_SEARCH_V1 } from './lua-search.js';
import { LUA_SEARCH_V3 } from './lua-search-v3.js';
import { LUA_ALERT_READ } from './lua-misc.js';

export const LUA_SEARCH = `${LUA_POSTINGS}${LUA_ALERT_READ}
local function search_v1()
${LUA_SEARCH_V1}
end
local base = ARGV[1]
local function search_v3()
${LUA_SEARCH_V3}
end
if redis.call('GET', base..'ver') ~= '2' then return search_v1() end
if redis.call('GET', base..'ix') == '3' then return search_v3() end
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
-- Postings of s appended to out (and d to dd when given): struct.unpack reads 128 at a time, about
-- twice as fast as string.byte per posting.
local FMT = '>'..string.rep('I4', 128)
local function unpack_into(s, out, dd, d)
  local n, pos, len = #out, 1, #s
  while pos <= len do
    local c = math.min(128, (len - pos + 1) / 4)
    local f = FMT
    if c < 128 then f = '>'..string.rep('I4', c) end
    local r = { struct.unpack(f, s, pos) }
    for j = 1, c do
      n = n + 1
      out[n] = r[j]
      if dd then dd[n] = d end
    end
    pos = r[c + 1]
  end
end
-- A shard as a set (cached): cheaper than a binary search per member once it is checked for
-- more than about an eighth of its size.
local sets = {}
local function shard_set(ck)
  local t = sets[ck]
  if t == nil then
    t = {}
    local s = shards[ck]
    if s then
      local v = {}
      unpack_into(s, v)
      for i = 1, #v do t[v[i]] = true end
    end
    sets[ck] = t
  end
  return t
end
-- A member check on shard ck that will be asked about n times; the set or the string is chosen
-- at the first check, so a token checked only after another that always fails costs nothing.
local function checker(ck, n) return { ck = ck, n = n } end
local function holds(c, m)
  local p = c.p
  if p == nil then
    local s = shards[c.ck]
    if s and #s / 4 <= 8 * c.n then p = shard_set(c.ck) else p = s or false end
    c.p = p
  end
  if type(p) == 'table' then return p[m] == true end
  return has(p, m)
end
local function days()
  local lo = '-inf'
  if sinceN then lo = day_of(sinceN) end
  return redis.call('ZREVRANGEBYSCORE', base..'xd', '+inf', lo)
end
local function zmscore(key, nums)
  return multi('ZMSCORE', key, nums)
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
  local nums = {}
  unpack_into(s, nums)
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
  -- The rarest single term drives (a token or a one-member filter), as in layout 1. The driver is
  -- read a chunk at a time in the order of the index ZSETs (published ms desc, member desc), cut at
  -- since; other tokens are checked by binary search (or a decoded set of a day's shard when that is
  -- cheaper), filter groups by ZMSCORE (membership and
  -- published ms in one call, no temp sets). The chunk's matches in that order give the walk's
  -- count, page and stopping point; a temp ZSET of a token run's order is built only for the run
  -- where the walk stops or is cut, or that holds the since boundary.
  local di, dcard = 0, -1
  for gi, g in ipairs(groups) do
    local c = nil
    if g.tok then c = token_card(g.tok) elseif #g.keys == 1 then c = redis.call('ZCARD', g.keys[1]) end
    if c and (dcard < 0 or c < dcard) then di, dcard = gi, c end
  end
  local walk = dcard > exact
  local tmp = base..'tmp:'..q.tmp
  local O, F, C = tmp..':o', tmp..':f', tmp..':c'
  -- Stop after the K-th match: the page is full and countCap matches were counted.
  local K = countCap
  if cnt > 0 and off + cnt > K then K = off + cnt end
  if K < 1 then K = 1 end
  local seen, found, stopped, cut = 0, 0, false, false
  local nfilt = 0
  for gi, g in ipairs(groups) do if gi ~= di and not g.tok then nfilt = nfilt + 1 end end
  local otoks = {}
  for gi, g in ipairs(groups) do
    if gi ~= di and g.tok then otoks[#otoks + 1] = { tok = g.tok, card = token_card(g.tok) } end
  end
  -- Rarest token first: most members fail there and skip the rest.
  table.sort(otoks, function(x, y) return x.card < y.card end)
  local function sadd(key, list)
    for x = 1, #list, 4000 do redis.call('SADD', key, unpack(list, x, math.min(x + 3999, #list))) end
  end
  local function prefetch(cks)
    local need, nk = {}, {}
    for _, ck in ipairs(cks) do
      if shards[ck] == nil and not need[ck] then need[ck] = true; nk[#nk + 1] = ck end
    end
    for x = 1, #nk, 512 do
      local keys = {}
      for y = x, math.min(x + 511, #nk) do keys[#keys + 1] = base..'x:'..nk[y] end
      local v = redis.call('MGET', unpack(keys))
      for y = 1, #v do shards[nk[x + y - 1]] = v[y] end
    end
  end
  local dg = groups[di]
  local fgroups = {}
  for gi, g in ipairs(groups) do if gi ~= di and not g.tok then fgroups[#fgroups + 1] = g.keys end end
  -- Positions (into list) of the members found in every filter group (in any key of a group), and
  -- each one's score there (its published ms, as Redis wrote it). ZMSCORE: no temp sets built.
  local function in_filters(list)
    local pos, sc = {}, {}
    for i = 1, #list do pos[i] = i end
    for _, keys in ipairs(fgroups) do
      local sub, hit = {}, {}
      for x, p in ipairs(pos) do sub[x] = list[p] end
      for _, k in ipairs(keys) do
        local r = zmscore(k, sub)
        for x = 1, #sub do if r[x] and not hit[x] then hit[x] = r[x] end end
      end
      local np, ns = {}, {}
      for x = 1, #sub do
        if hit[x] then np[#np + 1] = pos[x]; ns[#ns + 1] = hit[x] end
      end
      pos, sc = np, ns
    end
    return pos, sc
  end
  -- Count, page and stopping point of a chunk of nO driver members (since cut) holding nF matches.
  -- range(a, b): the a-th to b-th matches in index order; rank(j): driver members up to and
  -- including the j-th match; within(R): matches among the first R driver members. Asked only when
  -- the page, the walk's stop or its cut falls in this chunk.
  local function settle(nO, nF, range, rank, within)
    local take, used, before = nF, nO, found
    if walk then
      local R = scan - seen
      local stopAt = nil
      if found + nF >= K then stopAt = rank(K - found) end
      if R < nO and (not stopAt or stopAt > R) then
        take = 0
        if R > 0 then take = within(R) end
        used, cut = R, true
      elseif stopAt then
        take, used, stopped = K - found, stopAt, true
      end
    end
    local a, b = math.max(1, off + 1 - before), math.min(take, off + cnt - before)
    if a <= b then
      for _, m in ipairs(range(a, b)) do nums[#nums + 1] = m end
    end
    found, seen = found + take, seen + used
    return stopped or cut
  end
  -- A filter driver: driver ranks lo..hi (newest first, as the ZSET orders them) read into Lua,
  -- other filter groups by ZMSCORE, tokens by binary search; the chunk's order is the index order.
  local function zset_chunk(lo, hi)
    local r = redis.call('ZREVRANGE', dg.keys[1], lo, hi, 'WITHSCORES')
    local nO = #r / 2
    if nO == 0 then return false end
    local mem, pub = {}, {}
    for j = 1, #r, 2 do mem[#mem + 1] = r[j]; pub[#pub + 1] = tonumber(r[j + 1]) end
    local pos = {}
    if #fgroups > 0 then pos = in_filters(mem) else for i = 1, nO do pos[i] = i end end
    if #otoks > 0 and #pos > 0 then
      -- Shards of the days the chunk spans, then a binary search per member and token.
      local dmin, dmax = day_of(pub[pos[#pos]]), day_of(pub[pos[1]])
      local cks = {}
      for d = dmin, dmax do
        for _, t in ipairs(otoks) do cks[#cks + 1] = d..':'..t.tok end
      end
      prefetch(cks)
      local per, nday = {}, {}
      for _, p in ipairs(pos) do
        local d = day_of(pub[p])
        nday[d] = (nday[d] or 0) + 1
      end
      for x, t in ipairs(otoks) do
        per[x] = {}
        for d = dmin, dmax do per[x][d] = checker(d..':'..t.tok, nday[d] or 0) end
      end
      local np = {}
      for _, p in ipairs(pos) do
        local m, d, ok = tonumber(mem[p]), day_of(pub[p]), true
        for x = 1, #otoks do
          if not holds(per[x][d], m) then ok = false break end
        end
        if ok then np[#np + 1] = p end
      end
      pos = np
    end
    local function within(R)
      local n = 0
      for j = 1, #pos do
        if pos[j] > R then break end
        n = n + 1
      end
      return n
    end
    local function range(a, b)
      local out = {}
      for j = a, b do out[#out + 1] = mem[pos[j]] end
      return out
    end
    return settle(nO, #pos, range, function(j) return pos[j] end, within)
  end
  -- A token driver: a run of its days. Other tokens by binary search first (no Redis work per
  -- member), then the survivors' published times and filters by ZMSCORE (t:pub without filters,
  -- and only when the page or the walk's end falls in this run); the matches go into a temp ZSET
  -- (their index order) only when one of them is asked for. The run's own order (O, a temp ZSET) is built only when the
  -- walk ends in it or the run holds the since boundary.
  local function token_run(dn, dd, boundary)
    local sv = {}
    if #otoks > 0 then
      local cks, seenDay = {}, {}
      for i = 1, #dn do
        if not seenDay[dd[i]] then
          seenDay[dd[i]] = true
          for _, t in ipairs(otoks) do cks[#cks + 1] = dd[i]..':'..t.tok end
        end
      end
      prefetch(cks)
      local per, nday = {}, {}
      for i = 1, #dn do nday[dd[i]] = (nday[dd[i]] or 0) + 1 end
      for x, t in ipairs(otoks) do
        per[x] = {}
        for d in pairs(seenDay) do per[x][d] = checker(d..':'..t.tok, nday[d]) end
      end
      for i, m in ipairs(dn) do
        local ok = true
        for x = 1, #otoks do
          if not holds(per[x][dd[i]], m) then ok = false break end
        end
        if ok then sv[#sv + 1] = m end
      end
    else
      sv = dn
    end
    local builtO = false
    local function ensureO()
      if builtO then return end
      builtO = true
      sadd(C, dn)
      redis.call('ZINTERSTORE', O, 2, C, tpub, 'WEIGHTS', 0, 1)
      redis.call('DEL', C)
      if sinceN then redis.call('ZREMRANGEBYSCORE', O, '-inf', '('..since) end
    end
    local nO = #dn
    if boundary then ensureO(); nO = redis.call('ZCARD', O) end
    local needF = nfilt > 0 or boundary or found < off + cnt or (walk and (found + #sv >= K or scan - seen < nO))
    local nF = #sv
    local fm, fp = {}, {}
    -- The matches in index order: a temp ZSET F (scores: published ms), built only when asked.
    local builtF = false
    if needF then
      if nfilt == 0 then
        -- No filter: needed only for the page, the walk's end or the boundary, so F is built now
        -- in C from t:pub, as its order will be read.
        builtF = true
        if #sv > 0 then
          sadd(C, sv)
          redis.call('ZINTERSTORE', F, 2, C, tpub, 'WEIGHTS', 0, 1)
          redis.call('DEL', C)
          if sinceN then redis.call('ZREMRANGEBYSCORE', F, '-inf', '('..since) end
          nF = redis.call('ZCARD', F)
        else
          nF = 0
        end
      else
        local pos, sc = in_filters(sv)
        for x, p in ipairs(pos) do
          if not sinceN or tonumber(sc[x]) >= sinceN then fm[#fm + 1] = sv[p]; fp[#fp + 1] = sc[x] end
        end
        nF = #fm
      end
    end
    local function ensureF()
      if builtF then return end
      builtF = true
      local args = {}
      for i = 1, #fm do
        args[#args + 1] = fp[i]
        args[#args + 1] = fm[i]
        if #args >= 4000 then redis.call('ZADD', F, unpack(args)); args = {} end
      end
      if #args > 0 then redis.call('ZADD', F, unpack(args)) end
    end
    local function range(a, b)
      ensureF()
      return redis.call('ZREVRANGE', F, a - 1, b - 1)
    end
    local function rank(j)
      ensureO()
      return redis.call('ZREVRANK', O, range(j, j)[1]) + 1
    end
    local function within(R)
      ensureO()
      ensureF()
      redis.call('ZRANGESTORE', C, O, 0, R - 1, 'REV')
      local n = redis.call('ZINTERSTORE', C, 2, C, F)
      redis.call('DEL', C)
      return n
    end
    local res = settle(nO, nF, range, rank, within)
    if builtO or builtF then redis.call('DEL', O, F) end
    return res
  end
  if dg.tok then
    -- Days newest first, a run of days at a time, the run growing while days are thin.
    local ds = days()
    local sd = nil
    if sinceN then sd = day_of(sinceN) end
    local i, span = 1, 1
    while i <= #ds do
      local keys, kd = {}, {}
      for j = i, math.min(i + span - 1, #ds) do
        keys[#keys + 1] = base..'x:'..ds[j]..':'..dg.tok
        kd[#kd + 1] = tonumber(ds[j])
      end
      i = i + #keys
      local dn, dd, boundary = {}, {}, false
      for x = 1, #keys, 1000 do
        local v = redis.call('MGET', unpack(keys, x, math.min(x + 999, #keys)))
        for y = 1, #v do
          local sv, d = v[y], kd[x + y - 1]
          if sv then
            if d == sd then boundary = true end
            unpack_into(sv, dn, dd, d)
          end
        end
      end
      if #dn > 0 and token_run(dn, dd, boundary) then break end
      if #dn < 256 and span < 512 then span = span * 4 end
    end
  else
    -- By rank: the members at or after since are the top avail ranks, newest first.
    local avail = redis.call('ZCOUNT', dg.keys[1], since, '+inf')
    local step = avail
    if walk then step = 512 end
    if avail > 0 then
      for o = 0, avail - 1, step do
        if zset_chunk(o, math.min(o + step, avail) - 1) then break end
      end
    end
  end
  redis.call('DEL', O, F, C)
  total = found
  if cut then exactTotal = 0
  elseif stopped then
    local avail
    if dg.tok then avail = token_count(dg.tok) else avail = redis.call('ZCOUNT', dg.keys[1], since, '+inf') end
    if seen < avail then exactTotal = 0 end
  end
end
return page_out(base, total, exactTotal, nums)
`;
