#include "log.h"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <mutex>

namespace sluis::gateway {
namespace {

std::atomic<int> g_level{static_cast<int>(LogLevel::kInfo)};
std::mutex g_mutex;
std::FILE* g_sink = nullptr;

const char* LevelName(LogLevel l) {
  switch (l) {
    case LogLevel::kDebug:
      return "debug";
    case LogLevel::kInfo:
      return "info";
    case LogLevel::kWarn:
      return "warn";
    case LogLevel::kError:
      return "error";
  }
  return "info";
}

std::string Iso8601Utc(long long unix_millis) {
  const std::time_t secs = static_cast<std::time_t>(unix_millis / 1000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[96];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                static_cast<int>(unix_millis % 1000));
  return buf;
}

}  // namespace

LogLevel ParseLogLevel(std::string_view n) {
  if (n == "debug") return LogLevel::kDebug;
  if (n == "warn") return LogLevel::kWarn;
  if (n == "error") return LogLevel::kError;
  return LogLevel::kInfo;
}

void SetLogLevel(LogLevel level) { g_level = static_cast<int>(level); }

void SetLogSink(std::FILE* sink) {
  std::lock_guard<std::mutex> lock(g_mutex);
  g_sink = sink;
}

std::string FormatLogLine(LogLevel level, std::string_view event, const LogFields& fields,
                          long long unix_millis) {
  nlohmann::ordered_json line;
  line["ts"] = Iso8601Utc(unix_millis);
  line["level"] = LevelName(level);
  line["event"] = event;
  if (fields.is_object()) {
    for (const auto& [k, v] : fields.items()) line[k] = v;
  }
  // Invalid UTF-8 in a field (e.g. a peer's garbage) must not throw: replace it.
  return line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

void Log(LogLevel level, std::string_view event, const LogFields& fields) {
  if (static_cast<int>(level) < g_level.load(std::memory_order_relaxed)) return;
  const auto now = std::chrono::duration_cast<std::chrono::milliseconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                       .count();
  const std::string text = FormatLogLine(level, event, fields, now);
  std::lock_guard<std::mutex> lock(g_mutex);
  std::FILE* out = g_sink ? g_sink : stdout;
  std::fwrite(text.data(), 1, text.size(), out);
  std::fflush(out);
}

}  // namespace sluis::gateway
