// `sluis replay`: the conformance kit and the back office's what-if tool. Loads reference CSVs,
// then takes every message file of a directory in filename order — as sent by the gemeente
// (301, 319) or received from aanbieders (302, 305, 307, 315, 317, 320, 323) — on its
// Dagtekening with a simulated clock, through the same inbox the daemon runs, and writes every
// message Sluis would send (one XML file each) plus summary.json. A file NNN-besluit.json in the
// same order is the back office's decision on a received 315/317 (toewijzen, afwijzen,
// onderzoek), made through sluis/db/verzoeken.h: Sluis writes the 301 or 319 it sends.
//
// A file named NNN-WMO323@2026-02-02.xml is received on the date after the '@' instead of its
// Dagtekening (to replay a Dagtekening in the future, TR135).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sluis/codecs/xsd.h"
#include "sluis/workflow/declaratie.h"

namespace sluis::gateway {

struct ReplayOptions {
  std::string in_dir;
  std::string out_dir;
  std::optional<std::string> reference_dir;  // default: IN/reference when it exists
  std::string db_url;                        // an empty database (or schema) to work in
  std::shared_ptr<const codecs::SchemaSet> schemas;
  workflow::Beleid beleid;
};

struct ReplayResult {
  bool ok = true;                    // false: reference data or a file could not be used
  std::vector<std::string> errors;   // why, for people
  nlohmann::json summary;            // what summary.json holds
  std::vector<std::string> written;  // files written to OUT, in order
};

// Throws db::DbError when the database fails; everything else is in the result.
ReplayResult Replay(const ReplayOptions& options);

}  // namespace sluis::gateway
