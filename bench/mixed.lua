-- The mixed workload of bench.load, for wrk: 90 % public reads, 10 % editor writes.
--
-- bench/mixed.py writes the data file (FORLOP_MIXED_DATA: municipalities, pathways, editors
-- with their keys and slots, shares) and reads back what each thread wrote to its log:
--   R <ms> <status>                         a public read
--   G <status>                              an editor's read of a slot before writing it
--   S <marker> <kind> <layer> <entity id>   a write sent
--   A <marker> <status> <ms> <proposal id>  a write answered
-- Requests and answers are paired by X-Request-ID, which the server echoes.

local ffi = require("ffi")
ffi.cdef [[
typedef struct { long tv_sec; long tv_nsec; } forlop_timespec;
int clock_gettime(int clock_id, forlop_timespec *tp);
]]
local ts = ffi.new("forlop_timespec")
local function now_ms()
  ffi.C.clock_gettime(1, ts) -- CLOCK_MONOTONIC
  return tonumber(ts.tv_sec) * 1000 + tonumber(ts.tv_nsec) / 1e6
end

local D = dofile(os.getenv("FORLOP_MIXED_DATA"))
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("id", threads)
end

function init(args)
  math.randomseed(D.seed * 1000 + id)
  out = io.open(D.dir .. "/thread-" .. id .. ".log", "w")
  pending, read_etags, slot_etags = {}, {}, {}
  counter, markers = 0, 0
end

local function marker()
  markers = markers + 1
  return string.format("lt%sx%02d%05d", D.run_id, id, markers)
end

local function read_request(h)
  local code = D.municipalities[math.random(#D.municipalities)]
  local url
  if math.random() < 2 / 3 then
    url = "/v1/localities/" .. code .. "/pathways/" .. D.pathways[math.random(#D.pathways)]
  else
    url = "/v1/localities/" .. code .. "/service-map"
  end
  local tag = read_etags[url]
  if tag and math.random() < D.revalidate_share then
    h["If-None-Match"] = tag
  end
  return url
end

function request()
  counter = counter + 1
  local rid = string.format("%s-%d-%d", D.run_id, id, counter)
  local h = { ["X-Request-ID"] = rid, ["Accept-Encoding"] = "identity" }
  local started = now_ms()
  if math.random() >= D.write_share then
    local url = read_request(h)
    pending[rid] = { k = "read", url = url, t = started }
    return wrk.format("GET", url, h)
  end
  local e = D.editors[math.random(#D.editors)]
  local slot = e.slots[math.random(#e.slots)]
  h["Authorization"] = "Bearer " .. e.token
  -- The region's layer takes only `replace`; a municipality adds to what it inherits.
  local mode = (e.layer == D.region) and "replace" or "append"
  if math.random() < D.proposal_share then
    local m = marker()
    h["Content-Type"] = "application/json"
    local body = string.format(
      '{"locality":"%s","pathway":"%s","service_type":"%s","section":"%s","mode":"%s",'
        .. '"text":"Lasttest %s: ring tjenesten f\\u00f8r f\\u00f8rste samtale.","rationale":"Lasttest %s"}',
      e.layer, slot[1], slot[2], slot[3], mode, m, m)
    out:write("S ", m, " proposal ", e.layer, " -\n")
    pending[rid] = { k = "proposal", m = m, t = started }
    return wrk.format("POST", "/v1/change-proposals", h, body)
  end
  local path = string.format("/v1/localities/%s/pathways/%s/texts/%s/%s", e.layer, slot[1], slot[2], slot[3])
  local key = path
  local tag = slot_etags[key]
  if tag == nil then -- what the editor's screen shows before they edit
    pending[rid] = { k = "slot", key = key, t = started }
    return wrk.format("GET", path .. "?lang=nb", h)
  end
  if tag == "*" then
    h["If-None-Match"] = "*"
  else
    h["If-Match"] = tag
  end
  local m = marker()
  h["Content-Type"] = "application/json"
  local body = string.format(
    '{"mode":"%s","text":"Lasttest %s: ring tjenesten f\\u00f8r f\\u00f8rste samtale.","lang":"nb",'
      .. '"status":"published","note":"%s"}', mode, m, m)
  out:write(string.format("S %s put %s %s/%s/%s/nb\n", m, e.layer, slot[1], slot[2], slot[3]))
  pending[rid] = { k = "put", m = m, key = key, t = started }
  return wrk.format("PUT", path, h, body)
end

function response(status, headers, body)
  local rid = headers["x-request-id"]
  local p = rid and pending[rid]
  if not p then
    return
  end
  pending[rid] = nil
  local ms = now_ms() - p.t
  if p.k == "read" then
    out:write(string.format("R %.3f %d\n", ms, status))
    if status == 200 and headers["etag"] then
      read_etags[p.url] = headers["etag"]
    end
  elseif p.k == "slot" then
    out:write(string.format("G %d\n", status))
    if status == 200 then
      slot_etags[p.key] = headers["etag"]
    elseif status == 404 then
      slot_etags[p.key] = "*"
    end
  else
    local pid = "-"
    if p.k == "proposal" and status == 201 then
      pid = string.match(body, '"id":(%d+)') or "-"
    end
    out:write(string.format("A %s %d %.3f %s\n", p.m, status, ms, pid))
    if p.k == "put" then
      if status == 200 or status == 201 then
        slot_etags[p.key] = headers["etag"]
      elseif status == 412 or status == 428 then
        slot_etags[p.key] = nil
      end
    end
  end
end
