// The search script's layout 3 part (lua-postings.ts: day postings as intsets `xi:<day>:<token>:<j>`).
// Same walk as layout 2 (lua-search-v2.ts): the rarest term drives, candidate sets up to `exact`
// are counted exactly, larger ones walked newest first up to `scan` members until the page is full
// and `cap` matches were counted; same hits, order, totals and caps. What changed is where the
// work is done: the other tokens are intersected with the driver's day in C (SINTER of the two
// tokens' chunks of that day, SMISMEMBER for the rest and for a filter driver's members), filters
// by ZMSCORE of the few survivors or, for a token driver's whole days, ZINTERSTORE against the
// filter sets, and a day's order comes from t:pub (ZINTERSTORE) only where the page, the walk's
// stop or its cut falls. Nothing is decoded in Lua.

import { CHUNK } from './lua-postings.js';

/** Body of `search_v3()`; expects `base`, `search_v1`, `page_out`, `DAY` and `day_of` in scope. */
export const LUA_SEARCH_V3 = `
local CHUNK = ${CHUNK}
local q = cjson.decode(ARGV[2])
-- A filter group of one tag is walked and intersected like a token: its days are sets under the
-- token name f:<tag>; only its card comes from its ZSET (as layout 2 counts it).
local groups, ntok = {}, 0
for _, g in ipairs(q.groups) do
  if #g == 1 and string.sub(g[1], 1, 2) == 's:' then
    groups[#groups + 1] = { tok = string.sub(g[1], 3) }
    ntok = ntok + 1
  elseif #g == 1 then
    groups[#groups + 1] = { tok = g[1], tag = base..g[1] }
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
local sd = nil
if sinceN then sd = day_of(sinceN) end
local tpub = base..'t:pub'
local tmp = base..'tmp:'..q.tmp
local O, F, C, S, DZ, G = tmp..':o', tmp..':f', tmp..':c', tmp..':s', tmp..':d', tmp..':g'

-- Chunks of a token's day: xc says how many when more than one.
local nch = {}
local function prime(tok, ds, i, j)
  local sks = {}
  for x = i, j do
    local sk = ds[x]..':'..tok
    if nch[sk] == nil then sks[#sks + 1] = sk end
  end
  for sk, n in pairs(xi_ns(base, sks)) do nch[sk] = n end
end
local function chunks(tok, d)
  local sk = d..':'..tok
  local n = nch[sk]
  if n == nil then
    n = tonumber(redis.call('HGET', base..'xc', sk) or '1')
    nch[sk] = n
  end
  local out = {}
  for j = 0, n - 1 do out[#out + 1] = base..'xi:'..sk..':'..j end
  return out
end
-- Postings of a token's day (as layout 2 counts them: leftovers of purged alerts included).
local cards = {}
local function dcount(tok, d)
  local sk = d..':'..tok
  local c = cards[sk]
  if c == nil then
    c = 0
    for _, k in ipairs(chunks(tok, d)) do c = c + redis.call('SCARD', k) end
    cards[sk] = c
  end
  return c
end
local dayList = nil
local function days()
  if not dayList then
    local lo = '-inf'
    if sd then lo = sd end
    dayList = redis.call('ZREVRANGEBYSCORE', base..'xd', '+inf', lo)
    for i = 1, #dayList do dayList[i] = tonumber(dayList[i]) end
  end
  return dayList
end
-- The union of some chunks into C; returns its card.
local function union(ks)
  local n = 0
  for x = 1, #ks, 1000 do n = redis.call('SUNIONSTORE', C, C, unpack(ks, x, math.min(x + 999, #ks))) end
  return n
end
-- A token's day in index order (a ZSET scored by published ms, since applied), in DZ.
local function day_zset(tok, d)
  local ks = chunks(tok, d)
  if #ks == 1 then redis.call('ZINTERSTORE', DZ, 2, ks[1], tpub, 'WEIGHTS', 0, 1)
  else
    union(ks)
    redis.call('ZINTERSTORE', DZ, 2, C, tpub, 'WEIGHTS', 0, 1)
    redis.call('DEL', C)
  end
  if sinceN then redis.call('ZREMRANGEBYSCORE', DZ, '-inf', '('..since) end
  return redis.call('ZCARD', DZ)
end
local function token_card(tok)
  if string.sub(tok, 1, 2) == 'f:' then return redis.call('ZCARD', base..tok) end
  return tonumber(redis.call('HGET', base..'xn', tok) or '0')
end
-- Postings with pub >= since; counting stops once past upto (when given).
local function token_count(tok, upto)
  if not sinceN then return token_card(tok) end
  local ds, n = days(), 0
  for i = 1, #ds, 64 do
    prime(tok, ds, i, math.min(i + 63, #ds))
    for x = i, math.min(i + 63, #ds) do
      local d = ds[x]
      if d > sd then n = n + dcount(tok, d)
      elseif dcount(tok, d) > 0 then
        n = n + day_zset(tok, d)
        redis.call('DEL', DZ)
      end
      if upto and n > upto then return n end
    end
  end
  return n
end
-- The members (strings) among list that a token's day holds, in list order.
local function smis(k, list)
  return multi('SMISMEMBER', k, list)
end
local function in_token(tok, d, list)
  local rest, hit = list, {}
  for _, k in ipairs(chunks(tok, d)) do
    if #rest == 0 then break end
    local r, nr = smis(k, rest), {}
    for i, m in ipairs(rest) do
      if r[i] == 1 then hit[m] = true else nr[#nr + 1] = m end
    end
    rest = nr
  end
  local out = {}
  for _, m in ipairs(list) do if hit[m] then out[#out + 1] = m end end
  return out
end
local total, exactTotal, nums = 0, 1, {}
if #groups == 1 then
  -- One token: exact count, the page by skipping whole days before it.
  local tok = groups[1].tok
  total = token_count(tok)
  local skip = off
  if cnt > 0 then
    local ds = days()
    local i = 1
    while i <= #ds do
      local j = math.min(i + 63, #ds)
      prime(tok, ds, i, j)
      local done = false
      for x = i, j do
        local d = ds[x]
        local n = dcount(tok, d)
        if n > 0 and (sd == nil or d > sd) and skip >= n then skip = skip - n
        elseif n > CHUNK then
          -- A busy day: its documents newest first from t:pub, kept when the token holds them.
          local lo, hi = d * DAY, (d + 1) * DAY
          if sinceN and sinceN > lo then lo = sinceN end
          local ks, o = chunks(tok, d), 0
          while true do
            local r = redis.call('ZREVRANGEBYSCORE', tpub, '('..hi, lo, 'LIMIT', o, 256)
            local hit, rest = {}, r
            for _, k in ipairs(ks) do
              if #rest == 0 then break end
              local f, nr = smis(k, rest), {}
              for x, m in ipairs(rest) do
                if f[x] == 1 then hit[m] = true else nr[#nr + 1] = m end
              end
              rest = nr
            end
            for _, m in ipairs(r) do
              if hit[m] then
                if skip > 0 then skip = skip - 1 else nums[#nums + 1] = m end
                if #nums >= cnt then break end
              end
            end
            if #nums >= cnt or #r < 256 then break end
            o = o + 256
          end
          if #nums >= cnt then done = true break end
        elseif n > 0 then
          local live = day_zset(tok, d)
          if skip < live then
            for _, m in ipairs(redis.call('ZREVRANGE', DZ, skip, skip + cnt - #nums - 1)) do nums[#nums + 1] = m end
            skip = 0
          else
            skip = skip - live
          end
          redis.call('DEL', DZ)
          if #nums >= cnt then done = true break end
        end
      end
      if done then break end
      i = j + 1
    end
  end
else
  local di, dcard = 0, -1
  for gi, g in ipairs(groups) do
    local c = nil
    if g.tok then c = token_card(g.tok) elseif #g.keys == 1 then c = redis.call('ZCARD', g.keys[1]) end
    if c and (dcard < 0 or c < dcard) then di, dcard = gi, c end
  end
  local walk = dcard > exact
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
  local function zmscore(key, list)
    return multi('ZMSCORE', key, list)
  end
  local dg = groups[di]
  local fgroups = {}
  for gi, g in ipairs(groups) do if gi ~= di and not g.tok then fgroups[#fgroups + 1] = g.keys end end
  -- Every filter group one set: the matches can be counted with ZINTERCARD.
  local simple = true
  for _, keys in ipairs(fgroups) do if #keys > 1 then simple = false end end
  -- Positions (into list) of the members found in every filter group (in any key of a group), and
  -- each one's score there (its published ms). ZMSCORE: for a few members.
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
  -- The members of set src found in every filter group, into F scored by published ms (in C).
  local function filters_into_F(src)
    local from, w = src, 0
    for _, keys in ipairs(fgroups) do
      if #keys == 1 then
        redis.call('ZINTERSTORE', F, 2, from, keys[1], 'WEIGHTS', w, 1 - w)
      else
        local parts = {'ZUNIONSTORE', F, #keys}
        for j, k in ipairs(keys) do
          local pk = G..':'..j
          redis.call('ZINTERSTORE', pk, 2, from, k, 'WEIGHTS', w, 1 - w)
          parts[#parts + 1] = pk
        end
        parts[#parts + 1] = 'AGGREGATE'; parts[#parts + 1] = 'MAX'
        redis.call(unpack(parts))
        for j = 1, #keys do redis.call('DEL', G..':'..j) end
      end
      from, w = F, 1
    end
    if sinceN then redis.call('ZREMRANGEBYSCORE', F, '-inf', '('..since) end
    return redis.call('ZCARD', F)
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
  local X, TU = tmp..':x', tmp..':t'
  local RUN = 32
  -- Chunk keys of a token over a run of days.
  local function run_chunks(tok, rd)
    prime(tok, rd, 1, #rd)
    local ks = {}
    for _, d in ipairs(rd) do for _, k in ipairs(chunks(tok, d)) do ks[#ks + 1] = k end end
    return ks
  end
  -- The members of set src (candidates from a run of days) that token t holds. A doc number is in
  -- one day only (its published day), so the run's chunks can be taken together: unioned first
  -- when the token is thin over the run (one SINTER), else each chunk intersected with src.
  local function narrow(dst, src, nO, t, rd)
    local ks = run_chunks(t.tok, rd)
    if #ks == 1 then return redis.call('SINTERSTORE', dst, src, ks[1]) end
    -- Unioned only while the union stays an intset (past 512 members a set is a hash table).
    if #ks > 4 and nO * t.card <= CHUNK * math.max(dcard, 1) then
      for x = 1, #ks, 1000 do redis.call('SUNIONSTORE', TU, TU, unpack(ks, x, math.min(x + 999, #ks))) end
      local n = redis.call('SINTERSTORE', dst, src, TU)
      redis.call('DEL', TU)
      return n
    end
    local parts = {}
    for i, k in ipairs(ks) do
      parts[i] = TU..':'..i
      redis.call('SINTERSTORE', parts[i], src, k)
    end
    local n = 0
    for x = 1, #parts, 1000 do
      local y = math.min(x + 999, #parts)
      if x == 1 then n = redis.call('SUNIONSTORE', dst, unpack(parts, x, y))
      else n = redis.call('SUNIONSTORE', dst, dst, unpack(parts, x, y)) end
      redis.call('DEL', unpack(parts, x, y))
    end
    return n
  end
  -- The driver's run of days is the set drv (nO members: C, deleted by the caller, or the run's
  -- one chunk). The survivors of the other tokens go to S (nsv members), never through Lua unless
  -- a few are filtered there.
  local function token_run(rd, boundary, drv, nO)
    -- A run that only counts (the page is full, no filter group, no since boundary) where every
    -- other token has one chunk: SINTERCARD counts the survivors without storing them, unless the
    -- walk's stop or cut falls in this run.
    if #otoks > 0 and nfilt == 0 and not boundary and found >= off + cnt then
      local keys = { drv }
      for _, t in ipairs(otoks) do
        local ks = run_chunks(t.tok, rd)
        if #ks ~= 1 then keys = nil break end
        keys[#keys + 1] = ks[1]
      end
      if keys then
        local n = redis.call('SINTERCARD', #keys, unpack(keys))
        if not (walk and (found + n >= K or scan - seen < nO)) then return settle(nO, n) end
      end
    end
    local nsv = nil
    if #otoks > 0 then
      nsv = narrow(S, drv, nO, otoks[1], rd)
      for x = 2, #otoks do
        if nsv == 0 then break end
        nsv = narrow(S, S, nO, otoks[x], rd)
      end
    end
    local builtO = false
    local function ensureO()
      if builtO then return end
      builtO = true
      redis.call('ZINTERSTORE', O, 2, drv, tpub, 'WEIGHTS', 0, 1)
      if sinceN then redis.call('ZREMRANGEBYSCORE', O, '-inf', '('..since) end
    end
    if boundary then ensureO(); nO = redis.call('ZCARD', O) end
    local hasS = nsv ~= nil
    if not hasS then nsv = nO end
    local needF = nfilt > 0 or boundary or found < off + cnt or (walk and (found + nsv >= K or scan - seen < nO))
    local nF = nsv
    -- The matches in index order: a temp ZSET F (scores: published ms), built only when asked
    -- (the page, the walk's stop or its cut falls in this run); their count in C (ZINTERCARD).
    local builtF = false
    local fm, fp = {}, {}
    local buildF = nil
    if needF then
      if hasS and nfilt > 0 and nsv <= 64 then
        -- A few survivors: the filters by ZMSCORE.
        local sv = redis.call('SMEMBERS', S)
        local pos, sc = in_filters(sv)
        for x, p in ipairs(pos) do
          if not sinceN or tonumber(sc[x]) >= sinceN then fm[#fm + 1] = sv[p]; fp[#fp + 1] = sc[x] end
        end
        nF = #fm
      else
        -- The survivors as a set: the driver's days themselves when no other token narrowed them.
        local src = drv
        if hasS then src = S end
        if nfilt == 0 then
          buildF = function()
            redis.call('ZINTERSTORE', F, 2, src, tpub, 'WEIGHTS', 0, 1)
            if sinceN then redis.call('ZREMRANGEBYSCORE', F, '-inf', '('..since) end
          end
        else
          buildF = function() filters_into_F(src) end
        end
        if boundary or not simple then
          buildF()
          builtF = true
          nF = redis.call('ZCARD', F)
        elseif nfilt == 0 then
          nF = redis.call('ZINTERCARD', 2, src, tpub)
        else
          local args = {'ZINTERCARD', 1 + #fgroups, src}
          for _, keys in ipairs(fgroups) do args[#args + 1] = keys[1] end
          nF = redis.call(unpack(args))
        end
      end
    end
    local function ensureF()
      if builtF then return end
      builtF = true
      if buildF then buildF() return end
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
      redis.call('ZRANGESTORE', X, O, 0, R - 1, 'REV')
      local n = redis.call('ZINTERSTORE', X, 2, X, F)
      redis.call('DEL', X)
      return n
    end
    local res = settle(nO, nF, range, rank, within)
    redis.call('DEL', S)
    if builtO or builtF then redis.call('DEL', O, F) end
    return res
  end
  do
    -- The driver (a token, or a tag's days) newest first, a run of days at a time, the run growing while days are thin.
    local ds = days()
    local i, span = 1, 1
    while i <= #ds do
      local j = math.min(i + span - 1, #ds)
      local rd, boundary = {}, false
      for x = i, j do
        rd[#rd + 1] = ds[x]
      end
      i = j + 1
      local ks = run_chunks(dg.tok, rd)
      -- The run holding the since day (as layout 2 does: only when the driver has postings there).
      if sd and rd[#rd] == sd and dcount(dg.tok, sd) > 0 then boundary = true end
      -- A run of one chunk is read where it is; several are unioned into C.
      local drv, n = ks[1], 0
      if #ks == 1 then
        n = redis.call('SCARD', drv)
      else
        drv = C
        for x = 1, #ks, 1000 do n = redis.call('SUNIONSTORE', C, C, unpack(ks, x, math.min(x + 999, #ks))) end
      end
      local stop = n > 0 and token_run(rd, boundary, drv, n)
      if drv == C then redis.call('DEL', C) end
      if stop then break end
      -- Thin days are taken together, about RUN members a run (small temp sets, and a walk that
      -- stops near where its page or count ends); the span follows the density both ways, so a
      -- thin day (today's, early on) does not make every later run of busy days long.
      span = math.max(1, math.min(512, math.floor(span * RUN / math.max(n, 1))))
    end
  end
  redis.call('DEL', O, F, C)
  total = found
  if cut then exactTotal = 0
  elseif stopped then
    local avail
    avail = token_count(dg.tok, seen)
    if seen < avail then exactTotal = 0 end
  end
end
return page_out(base, total, exactTotal, nums)
`;
