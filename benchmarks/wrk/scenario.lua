-- One wrk script for every scenario; benchmarks/load.py sets SCENARIO and the data files.
-- Each request picks a random idea (and, for writes, a random benchmark member's API token).
local threads = {}
local scenario = os.getenv("SCENARIO")
local ideas, tokens, slug = {}, {}, os.getenv("CAMPAIGN_SLUG") or ""

local function read_lines(path, into)
  local f = io.open(path, "r")
  if not f then return end
  for line in f:lines() do into[#into + 1] = line end
  f:close()
end

function setup(thread)
  thread:set("id", #threads + 1)
  threads[#threads + 1] = thread
end

function init(args)
  math.randomseed(os.time() + (id or 0) * 7919)
  read_lines(os.getenv("IDEAS_FILE"), ideas)
  read_lines(os.getenv("TOKENS_FILE"), tokens)
  s2, s3, s4, s5 = 0, 0, 0, 0
end

local function pick(list) return list[math.random(#list)] end
local fresh = {["Cookie"] = "sessionid=benchmark-not-a-session"}

local function support_request()
  local member, token = pick(tokens):match("(%S+) (%S+)")
  local method = (math.random() < 0.5) and "POST" or "DELETE"
  return wrk.format(method, "/api/v1/ideas/" .. pick(ideas) .. "/support", {["Authorization"] = "Bearer " .. token})
end

local function comment_request()
  local member, token = pick(tokens):match("(%S+) (%S+)")
  local body = '{"body": "Benchmark comment: how would this work in winter?", "alignment": "question"}'
  return wrk.format("POST", "/api/v1/ideas/" .. pick(ideas) .. "/comments",
    {["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json"}, body)
end

function request()
  if scenario == "baseline" then return wrk.format("GET", "/bench/baseline/")
  elseif scenario == "api_list" then return wrk.format("GET", "/api/v1/campaigns/" .. slug .. "/ideas?sort=most_supported")
  elseif scenario == "list_page" then return wrk.format("GET", "/campaigns/" .. slug .. "/?sort=most_supported")
  -- The same reads rendered afresh every time: a session cookie (unknown, so still anonymous) makes the
  -- request personal, which the visitors' page cache never answers.
  elseif scenario == "api_list_fresh" then
    return wrk.format("GET", "/api/v1/campaigns/" .. slug .. "/ideas?sort=most_supported", fresh)
  elseif scenario == "list_page_fresh" then
    return wrk.format("GET", "/campaigns/" .. slug .. "/?sort=most_supported", fresh)
  elseif scenario == "idea_page_fresh" then return wrk.format("GET", "/ideas/" .. pick(ideas) .. "/", fresh)
  elseif scenario == "idea_page" then return wrk.format("GET", "/ideas/" .. pick(ideas) .. "/")
  elseif scenario == "support" then return support_request()
  elseif scenario == "raw_support" then
    local member = pick(tokens):match("(%S+) ")
    return wrk.format("POST", "/bench/raw-support/?idea=" .. pick(ideas) .. "&member=" .. member)
  elseif scenario == "comment" then return comment_request()
  elseif scenario == "mixed" then
    local r = math.random()
    if r < 0.7 then return wrk.format("GET", "/ideas/" .. pick(ideas) .. "/")
    elseif r < 0.9 then return support_request()
    else return comment_request() end
  end
end

function response(status, headers, body)
  if status >= 500 then s5 = s5 + 1 elseif status >= 400 then s4 = s4 + 1
  elseif status >= 300 then s3 = s3 + 1 else s2 = s2 + 1 end
end

function done(summary, latency, requests)
  local c = {0, 0, 0, 0}
  for _, t in ipairs(threads) do
    c[1] = c[1] + (t:get("s2") or 0); c[2] = c[2] + (t:get("s3") or 0)
    c[3] = c[3] + (t:get("s4") or 0); c[4] = c[4] + (t:get("s5") or 0)
  end
  local e = summary.errors
  io.write(string.format(
    'RESULT {"requests": %d, "seconds": %.3f, "p50_ms": %.2f, "p95_ms": %.2f, "p99_ms": %.2f, ' ..
    '"s2xx": %d, "s3xx": %d, "s4xx": %d, "s5xx": %d, "socket_errors": %d}\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1e3, latency:percentile(95) / 1e3,
    latency:percentile(99) / 1e3, c[1], c[2], c[3], c[4], e.connect + e.read + e.write + e.timeout))
end
