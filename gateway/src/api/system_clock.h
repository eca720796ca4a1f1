// The production clock for the API (sessions, throttling, decisions): the system's time.
#pragma once

#include <chrono>

#include "sluis/workflow/clock.h"

namespace sluis::gateway::api {

class SystemClock final : public workflow::Clock {
 public:
  workflow::TimePoint Now() const override {
    return std::chrono::time_point_cast<std::chrono::milliseconds>(
        std::chrono::system_clock::now());
  }
};

}  // namespace sluis::gateway::api
