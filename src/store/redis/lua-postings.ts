// The search index since layout 2: a token's postings are split by published day into packed
// strings `x:<day>:<token>`, 4 bytes (big-endian doc number) per posting in ascending order, so
// ingest APPENDs (doc numbers only grow) and a lookup is a binary search. `xn` counts a token's
// postings (its card); `xd` lists the days that hold any (ZSET day → day). A posting costs 4 bytes
// instead of ~100 in a ZSET skiplist. Filters (`f:`), `t:pub` and `n2id` are unchanged.
// `ver` says which layout the index is in: missing or '1' the ZSETs `s:<token>` (layout 1),
// 'm' both while the migration runs (migrate.ts), '2' postings only.

export const DAY_MS = 86_400_000;

/**
 * `multi(cmd, key, list)`: a command over a long list (SMISMEMBER, ZMSCORE, HMGET with a key;
 * MGET with key nil), 4,000 members a call, replies in list order.
 */
export const LUA_MULTI = `
local function multi(cmd, key, list)
  local out = {}
  for x = 1, #list, 4000 do
    local r
    if key then r = redis.call(cmd, key, unpack(list, x, math.min(x + 3999, #list)))
    else r = redis.call(cmd, unpack(list, x, math.min(x + 3999, #list))) end
    for y = 1, #r do out[x + y - 1] = r[y] end
  end
  return out
end
`;

/** Lua helpers shared by the ingest, search, purge and migration scripts. */
export const LUA_POSTINGS = `${LUA_MULTI}
local DAY = ${DAY_MS}
local function day_of(pub) return math.floor(tonumber(pub) / DAY) end
local function p4(n) return string.char(math.floor(n / 16777216) % 256, math.floor(n / 65536) % 256, math.floor(n / 256) % 256, n % 256) end
local function u32(s, i) local a, b, c, d = string.byte(s, i, i + 3); return ((a * 256 + b) * 256 + c) * 256 + d end
local function plen(s) if not s then return 0 end return #s / 4 end
-- 0-based index of the first posting >= n (plen(s) when none).
local function lower(s, n)
  local lo, hi = 0, #s / 4
  while lo < hi do
    local mid = math.floor((lo + hi) / 2)
    if u32(s, mid * 4 + 1) < n then lo = mid + 1 else hi = mid end
  end
  return lo
end
local function has(s, n)
  if not s or s == '' then return false end
  local i = lower(s, n)
  return i < #s / 4 and u32(s, i * 4 + 1) == n
end
local function decode(s)
  local out = {}
  for i = 1, #s, 4 do out[#out + 1] = u32(s, i) end
  return out
end
-- Removes the sorted numbers rm from a shard; returns the new string and how many were there.
local function without(s, rm)
  local parts, from, gone = {}, 1, 0
  for _, n in ipairs(rm) do
    local i = lower(s, n)
    local at = i * 4 + 1
    if at >= from and i < #s / 4 and u32(s, at) == n then
      parts[#parts + 1] = string.sub(s, from, at - 1)
      from = at + 4
      gone = gone + 1
    end
  end
  parts[#parts + 1] = string.sub(s, from)
  return table.concat(parts), gone
end
-- Chunk counts of many token days in one call (xi_add's known).
local function xi_ns(base, sks)
  local out = {}
  for x = 1, #sks, 1000 do
    local part = {}
    for y = x, math.min(x + 999, #sks) do part[#part + 1] = sks[y] end
    local r = redis.call('HMGET', base..'xc', unpack(part))
    for y = 1, #part do out[part[y]] = tonumber(r[y] or '1') end
  end
  return out
end
`;

// Layout 3: a token's postings on a day are integer sets `xi:<day>:<token>:<j>` of at most CHUNK
// doc numbers (Redis keeps a set of ≤ 512 integers as an intset: 2 or 4 bytes a member, sorted),
// so search intersects them in C (SINTER, SMISMEMBER) instead of decoding strings in Lua. Doc
// numbers only grow, so chunk j holds lower numbers than chunk j + 1 and ingest adds to the last
// one, opening the next when it is full. `xc` (hash `<day>:<token>` → chunks) is written only for
// a token's day with more than one chunk. `xn` and `xd` are shared with layout 2. `ix` says which
// postings ingest writes and search reads: missing or '2' the strings of layout 2, 'm' both
// while the migration runs (migrate.ts), '3' the sets only.
export const CHUNK = 512;

/** Lua helpers for layout 3 (ingest, purge, migration). */
export const LUA_INTSETS = `
local CHUNK = ${CHUNK}
local function xi_key(base, sk, j) return base..'xi:'..sk..':'..j end
local function xi_n(base, sk) return tonumber(redis.call('HGET', base..'xc', sk) or '1') end
-- Adds ascending doc numbers (above every one the token's day holds) to its last chunk, opening
-- new chunks as they fill. known: its chunk count when the caller read it already.
local function xi_add(base, sk, nums, known)
  local n = known or xi_n(base, sk)
  local j = n - 1
  local c = redis.call('SCARD', xi_key(base, sk, j))
  local i = 1
  while i <= #nums do
    if c >= CHUNK then j = j + 1; c = 0 end
    local take = math.min(CHUNK - c, #nums - i + 1)
    for x = i, i + take - 1, 4000 do
      redis.call('SADD', xi_key(base, sk, j), unpack(nums, x, math.min(x + 3999, i + take - 1)))
    end
    c = c + take
    i = i + take
  end
  if j + 1 ~= n then redis.call('HSET', base..'xc', sk, j + 1) end
end
-- Removes doc numbers from a token's day; returns how many were there.
local function xi_rem(base, sk, nums)
  local n, gone, left = xi_n(base, sk), 0, 0
  for j = 0, n - 1 do
    local k = xi_key(base, sk, j)
    for x = 1, #nums, 4000 do gone = gone + redis.call('SREM', k, unpack(nums, x, math.min(x + 3999, #nums))) end
    left = left + redis.call('SCARD', k)
  end
  if left == 0 and n > 1 then redis.call('HDEL', base..'xc', sk) end
  return gone
end
-- Drops a token's day (before it is built again from a layout 2 shard).
local function xi_drop(base, sk)
  local n = xi_n(base, sk)
  for j = 0, n - 1 do redis.call('UNLINK', xi_key(base, sk, j)) end
  if n > 1 then redis.call('HDEL', base..'xc', sk) end
end
`;
