-- Shared by bench/pages.lua and bench/save.lua (loaded with dofile): the summary line that
-- bench/load.py reads. Latencies are in microseconds; `unexpected` is counted by the script's
-- own response() check (answers that wrk itself does not count as errors).
function report(summary, latency, unexpected)
   local errors = summary.errors
   io.write(string.format(
      "WRK_RESULT {\"requests\": %d, \"duration_us\": %d, \"p50\": %d, \"p95\": %d, " ..
      "\"p99\": %d, \"max\": %d, \"connect\": %d, \"read\": %d, \"write\": %d, " ..
      "\"status\": %d, \"timeout\": %d, \"unexpected\": %d}\n",
      summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
      latency:percentile(99), latency.max, errors.connect, errors.read, errors.write,
      errors.status, errors.timeout, unexpected))
end
