// The search script: one round trip from query to alert documents.

/**
 * ARGV: base, query JSON {groups: [[setSuffix...]...], since, off, cnt, tmp, exact, scan}. A group
 * is a union (firms: any of); groups are intersected (every token, each filter kind). Scores are
 * published ms, so pages come newest first. Small candidate sets are intersected exactly
 * (ZINTERSTORE into temp keys, exact total). When even the rarest term is common (more than
 * `exact` members), the rarest set is walked newest first by rank and members are checked in the
 * other sets (ZSCORE) until the page is full and `cap` matches were counted, or `scan` members were
 * seen; unless the walk reached the end, the total is then the matches found so far, a lower bound. Returns {total, exact (1|0),
 * doc, also, ...}.
 */
export const LUA_SEARCH = `
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
  local driver = base..'t:pub'
  if di > 0 then driver = groups[di][1] end
  local avail = redis.call('ZCOUNT', driver, since, '+inf')
  local found, scanned, start, done = 0, 0, 0, false
  nums = {}
  while not done and scanned < scan and (#nums < cnt or found < countCap) do
    local stop = math.min(start + math.min(499, scan - scanned - 1), avail - 1)
    if stop < start then done = true break end
    for _, n in ipairs(redis.call('ZREVRANGE', driver, start, stop)) do
      scanned = scanned + 1
      start = start + 1
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
        if #nums >= cnt and found >= countCap then break end
      end
    end
    if start >= avail then done = true end
  end
  total = found
  if not done then exactTotal = 0 end
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
