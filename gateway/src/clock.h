// The gateway's one source of time (docs/conventions §2): the composition root makes a
// SystemClock and passes it down; tests pass a workflow::ManualClock.
#pragma once

#include "sluis/workflow/clock.h"

namespace sluis::gateway {

using workflow::Clock;
using workflow::TimePoint;

class SystemClock final : public Clock {
 public:
  TimePoint Now() const override {
    return std::chrono::time_point_cast<std::chrono::milliseconds>(
        std::chrono::system_clock::now());
  }
};

}  // namespace sluis::gateway
