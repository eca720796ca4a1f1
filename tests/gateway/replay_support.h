// Shared by the replay conformance tests (replay_pgtest, replay_regie_pgtest): the schemas and
// the scenario directories of a set under tests/data.
#pragma once

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "sluis/codecs/xsd.h"

#include "test_env.h"

namespace sluis::testing {

inline std::shared_ptr<const codecs::SchemaSet> ReplaySchemas() {
  static const auto schemas = *codecs::SchemaSet::Load(SharedDir());
  return schemas;
}

// The scenario directories of `set_dir` (names starting with a digit), sorted.
inline std::vector<std::string> ScenarioNames(const std::string& set_dir) {
  std::vector<std::string> out;
  for (const auto& e : std::filesystem::directory_iterator(set_dir)) {
    const std::string name = e.path().filename().string();
    if (e.is_directory() && std::isdigit(static_cast<unsigned char>(name[0]))) {
      out.push_back(name);
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace sluis::testing
