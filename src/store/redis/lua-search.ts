// The search script of index layout 1 (ZSETs `s:<token>`), also used by layout 2 for queries
// without tokens (filters only: the same ZSETs). See lua-search-v2.ts.

/**
 * ARGV: base, query JSON {groups: [[setSuffix...]...], since, off, cnt, tmp, exact, scan}. A group
 * is a union (firms: any of); groups are intersected (every token, each filter kind). Scores are
 * published ms, so pages come newest first. Small candidate sets are intersected exactly
 * (ZINTERSTORE into temp keys, exact total). When even the rarest term is common (more than
 * `exact` members), the rarest set is walked newest first by rank, 500 members at a time
 * intersected with the other sets inside Redis, until the page is full and `cap` matches were counted, or `scan` members were
 * seen; unless the walk reached the end, the total is then the matches found so far, a lower bound. Returns {total, exact (1|0),
 * doc, also, ...}.
 */
export const LUA_SEARCH_V1 = `
local base = ARGV[1]
local q = cjson.decode(ARGV[2])
local since, off, cnt = q.since, tonumber(q.off), tonumber(q.cnt)
local exact, scan, countCap = tonumber(q.exact), tonumber(q.scan), tonumber(q.cap)
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
local exactTotal = 1
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
  -- The walk, a chunk of the driver at a time: its next members (newest first) are copied to a
  -- temp set and intersected with every other group inside Redis (ZINTERSTORE), instead of a
  -- ZSCORE call per member and group. Same members in the same order, same stopping point.
  local driver = base..'t:pub'
  if di > 0 then driver = groups[di][1] end
  local avail = redis.call('ZCOUNT', driver, since, '+inf')
  local found, start, done = 0, 0, false
  local wk = base..'tmp:'..q.tmp..':w'
  nums = {}
  while not done and start < scan and (#nums < cnt or found < countCap) do
    local stop = math.min(start + math.min(499, scan - start - 1), avail - 1)
    if stop < start then done = true break end
    redis.call('ZRANGESTORE', wk, driver, start, stop, 'REV')
    for gi, g in ipairs(groups) do
      if gi ~= di then
        if #g == 1 then
          redis.call('ZINTERSTORE', wk, 2, wk, g[1], 'WEIGHTS', 1, 0)
        else
          local parts = {'ZUNIONSTORE', wk, #g}
          for j, k in ipairs(g) do
            local pk = wk..':'..j
            redis.call('ZINTERSTORE', pk, 2, wk, k, 'WEIGHTS', 1, 0)
            parts[#parts + 1] = pk
          end
          parts[#parts + 1] = 'AGGREGATE'; parts[#parts + 1] = 'MAX'
          redis.call(unpack(parts))
          for j = 1, #g do redis.call('DEL', wk..':'..j) end
        end
      end
    end
    local brk = nil
    for _, n in ipairs(redis.call('ZREVRANGE', wk, 0, -1)) do
      found = found + 1
      if found > off and #nums < cnt then nums[#nums + 1] = n end
      if #nums >= cnt and found >= countCap then brk = n break end
    end
    if brk then start = redis.call('ZREVRANK', driver, brk) + 1 else start = stop + 1 end
    if start >= avail then done = true end
  end
  redis.call('DEL', wk)
  total = found
  if not done then exactTotal = 0 end
end
return page_out(base, total, exactTotal, nums)
`;
