#include "log.h"

#include <gtest/gtest.h>

namespace sluis::gateway {
namespace {

TEST(LogTest, OneJsonObjectPerLineInFieldOrder) {
  const std::string line =
      FormatLogLine(LogLevel::kWarn, "tls_handshake_failed",
                    {{"peer", "127.0.0.1:5000"}, {"reason", "unknown_ca"}}, 1'795'000'000'123LL);
  EXPECT_EQ(line,
            "{\"ts\":\"2026-11-18T11:06:40.123Z\",\"level\":\"warn\","
            "\"event\":\"tls_handshake_failed\",\"peer\":\"127.0.0.1:5000\","
            "\"reason\":\"unknown_ca\"}\n");
}

TEST(LogTest, InvalidUtf8IsReplacedNotThrown) {
  const std::string line = FormatLogLine(LogLevel::kInfo, "x",
                                         {{"v", std::string("a\xff"
                                                            "b")}},
                                         0);
  EXPECT_NE(line.find("\"v\":\"a\xEF\xBF\xBD"
                      "b\""),
            std::string::npos)
      << line;
}

TEST(LogTest, LevelsFilterBelowThreshold) {
  std::FILE* sink = std::tmpfile();
  SetLogSink(sink);
  SetLogLevel(LogLevel::kWarn);
  LogInfo("hidden");
  LogWarn("shown");
  SetLogLevel(LogLevel::kInfo);
  SetLogSink(nullptr);
  std::rewind(sink);
  char buf[512] = {};
  const size_t n = std::fread(buf, 1, sizeof buf - 1, sink);
  std::fclose(sink);
  const std::string out(buf, n);
  EXPECT_EQ(out.find("hidden"), std::string::npos);
  EXPECT_NE(out.find("\"event\":\"shown\""), std::string::npos);
}

}  // namespace
}  // namespace sluis::gateway
