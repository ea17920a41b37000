-- wrk script for bench/load.py: GET addresses picked at random from a file (one path a line,
-- the first argument after --), so that the pages are not all the same cached one.
--   wrk -t2 -c8 -d10s -s bench/pages.lua http://127.0.0.1:8000 -- /tmp/paths.txt
dofile(debug.getinfo(1, "S").source:match("@?(.*/)") .. "report.lua")

local paths = {}

function init(args)
   for line in io.lines(args[1]) do
      paths[#paths + 1] = line
   end
   math.randomseed(os.time() + tonumber(tostring(paths):match("0x(%x+)") or "0", 16))
end

function request()
   return wrk.format("GET", paths[math.random(#paths)])
end

function done(summary, latency, requests)
   report(summary, latency, 0)
end
