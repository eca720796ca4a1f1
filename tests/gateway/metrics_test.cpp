#include "metrics.h"

#include <gtest/gtest.h>

namespace sluis::gateway {
namespace {

TEST(MetricsTest, RendersCountersGaugesAndHistogramsInTheTextFormat) {
  MetricsRegistry m;
  m.GetCounter("sluis_b_total", "B things", {{"kind", "x"}, {"outcome", "ok"}}).Inc(3);
  m.GetCounter("sluis_b_total", "B things", {{"kind", "x"}, {"outcome", "ok"}}).Inc();
  m.GetCounter("sluis_b_total", "B things", {{"kind", "a\"b\\c\nd"}, {"outcome", "ok"}}).Inc();
  m.GetGauge("sluis_a_seconds", "A age").Set(1.5);
  Histogram& h = m.GetHistogram("sluis_c_seconds", "C latency", {0.1, 1});
  h.Observe(0.05);
  h.Observe(0.5);
  h.Observe(5);
  EXPECT_EQ(m.Render(),
            "# HELP sluis_a_seconds A age\n"
            "# TYPE sluis_a_seconds gauge\n"
            "sluis_a_seconds 1.5\n"
            "# HELP sluis_b_total B things\n"
            "# TYPE sluis_b_total counter\n"
            "sluis_b_total{kind=\"a\\\"b\\\\c\\nd\",outcome=\"ok\"} 1\n"
            "sluis_b_total{kind=\"x\",outcome=\"ok\"} 4\n"
            "# HELP sluis_c_seconds C latency\n"
            "# TYPE sluis_c_seconds histogram\n"
            "sluis_c_seconds_bucket{le=\"0.1\"} 1\n"
            "sluis_c_seconds_bucket{le=\"1\"} 2\n"
            "sluis_c_seconds_bucket{le=\"+Inf\"} 3\n"
            "sluis_c_seconds_sum 5.55\n"
            "sluis_c_seconds_count 3\n");
}

TEST(MetricsTest, HistogramQuantilesInterpolateWithinABucket) {
  Histogram h({1, 2, 4});
  for (int i = 0; i < 50; ++i) h.Observe(0.5);
  for (int i = 0; i < 50; ++i) h.Observe(3);
  EXPECT_DOUBLE_EQ(h.Quantile(0.5), 1.0);
  EXPECT_DOUBLE_EQ(h.Quantile(0.75), 3.0);
  EXPECT_DOUBLE_EQ(Histogram({1}).Quantile(0.5), 0);
}

TEST(MetricsTest, SeriesAreStableAndSafeToUpdateFromThreads) {
  MetricsRegistry m;
  Counter& c = m.GetCounter("sluis_x_total", "x");
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 1000; ++i) m.GetCounter("sluis_x_total", "x").Inc();
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(c.value(), 4000u);
}

}  // namespace
}  // namespace sluis::gateway
