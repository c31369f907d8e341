// The second (and last) round trip of ingest: one script that re-checks every exact key and
// then claims, archives, indexes, appends "also reported by", enqueues, saves source state and
// releases the lease. Scripts run atomically, so an entry is written whole or not at all.
// All keys share the tag in ARGV[1] (the base); KEYS[1] is a key of that slot for routing.
// Tokens are indexed by layout 2 (lua-postings.ts), and also as layout 1 ZSETs until migrated.
// The alert and update delivery ids built in Lua below have the shapes of src/delivery/ids.ts
// (alertDeliveryId, updateDeliveryId), the one TypeScript home of delivery ids; keep them equal.
import { LUA_INTSETS, LUA_POSTINGS } from './lua-postings.js';

/** Shared by ingest and enqueue: idempotent on the delivery id (marker SET NX EX). A delivery
 * with a notBefore waits in the delayed ZSET; claims move it to the stream by the caller's clock. */
export const LUA_ENQUEUE_FN = `
local function enqueue_one(base, mret, d, nb, nowMs)
  if not redis.call('SET', base..'o:m:'..d.id, '1', 'NX', 'EX', mret) then return 0 end
  local key = base..'o:d:'..d.id
  redis.call('HSET', key, 'json', cjson.encode(d), 'attempts', d.attempts or 0)
  if tonumber(nb) > 0 then
    redis.call('HSET', key, 'notBefore', d.notBefore)
    redis.call('ZADD', base..'o:delayed', nb, d.id)
  else
    redis.call('HSET', key, 'sid', redis.call('XADD', base..'o:stream', '*', 'd', d.id))
  end
  return 1
end
`;

/** A key's value: `expiresMs \1 owner \1 root`; read as absent once the batch clock passed it. */
const LUA_PARSE_KEY = `
local function parse_key(v, nowMs)
  if not v then return nil end
  local a = string.find(v, '\\1', 1, true)
  if not a or tonumber(string.sub(v, 1, a - 1)) <= nowMs then return nil end
  local rest = string.sub(v, a + 1)
  local b = string.find(rest, '\\1', 1, true)
  return { owner = string.sub(rest, 1, b - 1), root = string.sub(rest, b + 1) }
end
`;

export const LUA_INGEST = `${LUA_ENQUEUE_FN}${LUA_PARSE_KEY}${LUA_POSTINGS}${LUA_INTSETS}
local base = ARGV[1]
local p = cjson.decode(ARGV[2])
local ret = tonumber(p.ret)
local nowMs = tonumber(p.nowMs)
local expMs = string.format('%d', nowMs + ret * 1000)
-- Near-duplicate decisions were made against the buckets read in round trip 1; if an alert was
-- archived since (another replica), re-read rather than miss it. Nothing is written before this.
local seq0 = redis.call('GET', base..'seq') or '0'
if p.chk and seq0 ~= p.seq then return {'conflict'} end
local out = {}
local root_of = {}
-- Index layout (lua-postings.ts): an empty archive starts on layout 2.
-- Layout 3 (intsets, ix = '3') is written alone, or with layout 2 while it migrates (ix = 'm').
local ver = redis.call('GET', base..'ver')
if not ver and redis.call('ZCARD', base..'t:pub') == 0 then
  ver = '2'
  redis.call('SET', base..'ver', ver)
  redis.call('SET', base..'ix', '3')
end
local ix = redis.call('GET', base..'ix')
local v3 = ver == '2' and (ix == '3' or ix == 'm')
local v2, v1 = (ver == '2' or ver == 'm') and ix ~= '3', ver ~= '2'
-- Postings are appended once per shard and counts added once per token, after the loop.
local app, appk, cnt, cntk, days = {}, {}, {}, {}, {}
local appf, appfk = {}, {}
-- Buckets this batch added to. Trimming once after every add keeps the same newest p.cap members
-- as trimming after each add (a member trimmed early is below p.cap newer ones that stay above it);
-- the TTL is set by the last EXPIRE either way (a few ms later here: the end of the loop).
local bset, bks = {}, {}
for _, e in ipairs(p.e) do
  local found, mine, other = {}, nil, nil
  for j, k in ipairs(e.keys) do
    local f = parse_key(redis.call('GET', base..'k:'..k), nowMs)
    found[j] = f or false
    if f then
      if f.owner == e.id then mine = mine or f elseif not other then other = f end
    end
  end
  local status, dup, n, root = 'new', '', 0, e.id
  if mine or redis.call('EXISTS', base..'a:'..e.id) == 1 then
    status = 'seen'
    if mine then root = mine.root end
  elseif other then status, dup, root = 'duplicate', other.root, other.root
  elseif e.nd ~= '' then
    dup = root_of[e.nd] or e.nd
    status, root = 'duplicate', dup
  elseif e.archive and e.doc == '' then status = 'seen' end
  for j, k in ipairs(e.keys) do
    if not found[j] then redis.call('SET', base..'k:'..k, expMs..'\\1'..e.id..'\\1'..root, 'PXAT', expMs) end
  end
  if status == 'new' then
    root_of[e.id] = e.id
    if e.archive then
      local a = base..'a:'..e.id
      local num = redis.call('INCR', base..'seq')
      -- Small fields only, so the hash stays a listpack; the document is a string of its own.
      -- Tokens are kept for layout 1 (its purge reads them); layout 2's purge re-derives them.
      redis.call('HSET', a, 'also', '[]', 'alsoN', 0, 'n', num, 'pub', e.pub, 'arch', p.nowMs, 'fl', table.concat(e.fl, '\\n'), 'r:'..e.rh, '1')
      if v1 then redis.call('HSET', a, 'tok', table.concat(e.tok, ' ')) end
      redis.call('SET', base..'ad:'..e.id, e.doc)
      redis.call('HSET', base..'n2id', num, e.id)
      redis.call('ZADD', base..'t:arch', p.nowMs, e.id)
      redis.call('ZADD', base..'t:pub', e.pub, num)
      if v2 or v3 then
        local d = day_of(e.pub)
        for _, t in ipairs(e.tok) do
          local sk = d..':'..t
          local parts = app[sk]
          if not parts then parts = {}; app[sk] = parts; appk[#appk + 1] = sk end
          parts[#parts + 1] = num
          if not cnt[t] then cnt[t] = 0; cntk[#cntk + 1] = t end
          cnt[t] = cnt[t] + 1
        end
        days[d] = true
        -- Layout 3 also keeps each filter tag's day as a set, under the token name f:<tag>.
        if v3 then
          for _, f in ipairs(e.fl) do
            local sk = d..':f:'..f
            local parts = appf[sk]
            if not parts then parts = {}; appf[sk] = parts; appfk[#appfk + 1] = sk end
            parts[#parts + 1] = num
          end
        end
      end
      if v1 then for _, t in ipairs(e.tok) do redis.call('ZADD', base..'s:'..t, e.pub, num) end end
      for _, f in ipairs(e.fl) do redis.call('ZADD', base..'f:'..f, e.pub, num) end
      -- Bucket members are bare ids; the fingerprint data is stored once, for as long as they live.
      -- Trimmed and given their TTL once per bucket, after the loop.
      for _, b in ipairs(e.buckets) do
        local bk = base..'b:'..b
        redis.call('ZADD', bk, p.nowMs, e.id)
        if not bset[bk] then
          bset[bk] = true
          bks[#bks + 1] = bk
        end
      end
      if #e.buckets > 0 then redis.call('SET', base..'d:'..e.id, e.data, 'EX', ret) end
      for _, t in ipairs(e.targets) do
        local d = { id = 'alert:'..t[1]..':'..t[2]..':'..e.id, kind = 'alert', platform = t[1], channel = t[2],
          alertId = e.id, attempts = 0, createdAt = p.now }
        n = n + enqueue_one(base, p.mret, d, 0, p.nowMs)
      end
    end
  elseif status == 'duplicate' then
    root_of[e.id] = dup
    local a = base..'a:'..dup
    -- A report is counted once: by its hashed key, or (alerts written before) its raw key.
    if redis.call('EXISTS', a) == 1 and redis.call('HEXISTS', a, 'r:'..e.rk) == 0 and redis.call('HSETNX', a, 'r:'..e.rh, '1') == 1 then
      -- Bounded work per retelling: the first p.ak are listed, later ones only counted.
      local count = redis.call('HINCRBY', a, 'alsoN', 1)
      local keep = tonumber(p.ak)
      if count <= keep then
        local also = redis.call('HGET', a, 'also') or '[]'
        if also == '[]' then also = '['..e.rep..']' else also = string.sub(also, 1, -2)..','..e.rep..']' end
        redis.call('HSET', a, 'also', also)
        if count == keep then redis.call('HSET', a, 'alsoR', also) end
      else
        redis.call('HSET', a, 'also', '{"n":'..count..',"r":'..(redis.call('HGET', a, 'alsoR') or '[]')..'}')
      end
      local edits = {}
      if count <= keep or count % tonumber(p.ae) == 0 then edits = redis.call('HKEYS', base..'p:'..dup) end
      for _, pc in ipairs(edits) do
        local sep = string.find(pc, '|', 1, true)
        local plat, ch = string.sub(pc, 1, sep - 1), string.sub(pc, sep + 1)
        local d = { id = 'update:'..plat..':'..ch..':'..dup..':'..count, kind = 'update', platform = plat, channel = ch,
          alertId = dup, attempts = 0, createdAt = p.now }
        n = n + enqueue_one(base, p.mret, d, 0, p.nowMs)
      end
    end
  else
    root_of[e.id] = root
  end
  out[#out + 1] = status
  out[#out + 1] = dup
  out[#out + 1] = n
end
local trim = -(tonumber(p.cap) + 1)
for _, bk in ipairs(bks) do
  redis.call('ZREMRANGEBYRANK', bk, 0, trim)
  redis.call('EXPIRE', bk, ret)
end
local known = {}
if v3 then known = xi_ns(base, appk) end
for _, sk in ipairs(appk) do
  local nums = app[sk]
  if v2 then
    local parts = {}
    for i, n in ipairs(nums) do parts[i] = p4(n) end
    redis.call('APPEND', base..'x:'..sk, table.concat(parts))
  end
  if v3 then xi_add(base, sk, nums, known[sk]) end
end
known = xi_ns(base, appfk)
for _, sk in ipairs(appfk) do xi_add(base, sk, appf[sk], known[sk]) end
for _, t in ipairs(cntk) do redis.call('HINCRBY', base..'xn', t, cnt[t]) end
for d in pairs(days) do redis.call('ZADD', base..'xd', d, d) end
if p.stn ~= '' then
  redis.call('SET', base..'src:'..p.stn, p.st)
  redis.call('SADD', base..'srcs', p.stn)
end
if p.rn ~= '' and redis.call('GET', base..'l:'..p.rn) == p.ro then redis.call('DEL', base..'l:'..p.rn) end
-- After the entries: the archive's token before and after (the client's bucket mirror, mirror.ts).
local seq1 = redis.call('GET', base..'seq') or '0'
out[#out + 1] = seq0
out[#out + 1] = redis.call('HGET', base..'n2id', seq0) or ''
out[#out + 1] = seq1
out[#out + 1] = redis.call('HGET', base..'n2id', seq1) or ''
return out
`;

/**
 * Round trip 1's candidate read (read-only). ARGV: base, min, lim, nb, nb buckets, then the client's
 * mirror (mirror.ts): its token (seq, id archived as seq), a mask ('1' = mirrored) per bucket, the
 * expected ZCARD of each mirrored bucket, and the ids whose data it holds for them. The mirror is
 * used only when the token, every mirrored bucket's size and every such data key still hold;
 * mirrored buckets are then not read. Every other bucket: its newest members with their scores,
 * then the fingerprint data of every distinct member once. Members written before bare ids (id,
 * byte 1, data) carry their data and are returned as they are.
 * Reply: { {member, score, ...} or 0 (mirrored) per bucket..., {id, ...}, {data, ...},
 *          {ZCARD or 0 per bucket}, seq, id archived as seq, 1 when the mirror was used }.
 */
export const LUA_CANDIDATES = `
local base, min, lim, nb = ARGV[1], ARGV[2], tonumber(ARGV[3]), tonumber(ARGV[4])
local seq = redis.call('GET', base..'seq') or '0'
local at = redis.call('HGET', base..'n2id', seq) or ''
local mask = ARGV[7 + nb] or ''
local use = mask ~= '' and ARGV[5 + nb] == seq and ARGV[6 + nb] == at
local nc = tonumber(ARGV[8 + nb] or '0')
if use then
  local c = 0
  for i = 1, nb do
    if string.byte(mask, i) == 49 then
      c = c + 1
      if redis.call('ZCARD', base..'b:'..ARGV[4 + i]) ~= tonumber(ARGV[8 + nb + c]) then use = false; break end
    end
  end
end
if use then
  for i = 9 + nb + nc, #ARGV, 256 do
    local keys = {}
    for j = i, math.min(i + 255, #ARGV) do keys[#keys + 1] = base..'d:'..ARGV[j] end
    if redis.call('EXISTS', unpack(keys)) ~= #keys then use = false; break end
  end
end
local out, ids, seen, cards = {}, {}, {}, {}
for i = 1, nb do
  if use and string.byte(mask, i) == 49 then
    out[#out + 1] = 0
    cards[#cards + 1] = 0
  else
    local bk = base..'b:'..ARGV[4 + i]
    local r = redis.call('ZREVRANGEBYSCORE', bk, '+inf', min, 'WITHSCORES', 'LIMIT', 0, lim)
    out[#out + 1] = r
    cards[#cards + 1] = redis.call('ZCARD', bk)
    for j = 1, #r, 2 do
      local m = r[j]
      if not seen[m] and not string.find(m, '\\1', 1, true) then
        seen[m] = true
        ids[#ids + 1] = m
      end
    end
  end
end
local data = {}
for i = 1, #ids, 256 do
  local keys = {}
  for j = i, math.min(i + 255, #ids) do keys[#keys + 1] = base..'d:'..ids[j] end
  local v = redis.call('MGET', unpack(keys))
  for j = 1, #v do data[#data + 1] = v[j] or '' end
end
out[#out + 1] = ids
out[#out + 1] = data
out[#out + 1] = cards
out[#out + 1] = seq
out[#out + 1] = at
out[#out + 1] = use and 1 or 0
return out
`;
