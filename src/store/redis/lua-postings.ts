// The search index since layout 2: a token's postings are split by published day into packed
// strings `x:<day>:<token>`, 4 bytes (big-endian doc number) per posting in ascending order, so
// ingest APPENDs (doc numbers only grow) and a lookup is a binary search. `xn` counts a token's
// postings (its card); `xd` lists the days that hold any (ZSET day → day). A posting costs 4 bytes
// instead of ~100 in a ZSET skiplist. Filters (`f:`), `t:pub` and `n2id` are unchanged.
// `ver` says which layout the index is in: missing or '1' the ZSETs `s:<token>` (layout 1),
// 'm' both while the migration runs (migrate.ts), '2' postings only.

export const DAY_MS = 86_400_000;

/** Lua helpers shared by the ingest, search, purge and migration scripts. */
export const LUA_POSTINGS = `
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
`;
