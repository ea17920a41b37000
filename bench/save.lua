-- wrk script for bench/load.py: signed-in people save a section of their own draft, again and
-- again. Run with one connection per thread (-t N -c N): each thread is one person with one
-- project, given by line N of the file named after --, tab-separated:
--   section path, the project's lock_version, Cookie header, form body without lock_version
-- (the body holds CSRF token and answers; "SAVE_NUMBER" in it becomes the save's number).
--
-- The form is optimistically locked: a save names the lock_version it was based on, and a
-- stale one is refused (200, "Your changes have not been saved"). Each person is the only one
-- editing their project and wrk sends a connection's next request only after the answer to the
-- last, so after every accepted save (302) the next is based on lock_version + 1, exactly what
-- a browser showing the saved page would send. Any other answer counts as unexpected.
dofile(debug.getinfo(1, "S").source:match("@?(.*/)") .. "report.lua")

local threads = {}
local counter = 0

function setup(thread)
   counter = counter + 1
   thread:set("number", counter)
   table.insert(threads, thread)
end

local path, version, cookie, body
saves, unexpected = 0, 0

function init(args)
   local n = 0
   for line in io.lines(args[1]) do
      n = n + 1
      if n == number then
         local fields = {}
         for field in line:gmatch("[^\t]+") do
            fields[#fields + 1] = field
         end
         path, version, cookie, body = fields[1], tonumber(fields[2]), fields[3], fields[4]
      end
   end
end

function request()
   local form = "lock_version=" .. version .. "&" .. body:gsub("SAVE_NUMBER", saves + 1)
   return wrk.format("POST", path, {
      ["Cookie"] = cookie,
      ["Content-Type"] = "application/x-www-form-urlencoded",
   }, form)
end

function response(status, headers, response_body)
   if status == 302 then
      saves = saves + 1
      version = version + 1
   else
      unexpected = unexpected + 1
      if unexpected == 1 then
         io.stderr:write("unexpected answer " .. status .. " to a save of " .. path .. "\n")
      end
   end
end

function done(summary, latency, requests)
   local total = 0
   for _, thread in ipairs(threads) do
      total = total + thread:get("unexpected")
   end
   report(summary, latency, total)
end
