// Structured logs: one JSON object per line on stdout, so that journald, Loki or any log
// shipper can index them. Thread-safe. Never log a BSN: pass identifiers that are not personal
// data (message ids, AGB codes, declaratienummers).
#pragma once

#include <utility>

#include <initializer_list>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace sluis::gateway {

enum class LogLevel { kDebug = 0, kInfo = 1, kWarn = 2, kError = 3 };

LogLevel ParseLogLevel(std::string_view name);  // unknown names map to kInfo
void SetLogLevel(LogLevel level);
// Redirect output (tests); nullptr restores stdout.
void SetLogSink(std::FILE* sink);

using LogFields = nlohmann::json;  // an object: {{"peer", addr}, {"reason", why}}

// {"ts":"2026-11-23T10:00:00.123Z","level":"info","event":"listening",...fields}
void Log(LogLevel level, std::string_view event, const LogFields& fields = LogFields::object());

inline void LogInfo(std::string_view e, const LogFields& f = LogFields::object()) {
  Log(LogLevel::kInfo, e, f);
}
inline void LogWarn(std::string_view e, const LogFields& f = LogFields::object()) {
  Log(LogLevel::kWarn, e, f);
}
inline void LogError(std::string_view e, const LogFields& f = LogFields::object()) {
  Log(LogLevel::kError, e, f);
}
inline void LogDebug(std::string_view e, const LogFields& f = LogFields::object()) {
  Log(LogLevel::kDebug, e, f);
}

// Formats one log line without writing it (for tests).
std::string FormatLogLine(LogLevel level, std::string_view event, const LogFields& fields,
                          long long unix_millis);

}  // namespace sluis::gateway
