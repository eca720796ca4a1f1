// Helpers for the synthetic-data tests: level 1 + level 2 in one call, and an RFC 4180 reader
// written independently of the generator's writer.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "sluis/codecs/csv.h"
#include "sluis/codecs/payload.h"
#include "sluis/codecs/rules.h"
#include "sluis/codecs/xsd.h"
#include "sluis/workflow/synthetic.h"

#include "test_env.h"

namespace sluis::workflow::synth::test_util {

inline const codecs::SchemaSet& Schemas() {
  static const std::shared_ptr<const codecs::SchemaSet> schemas = [] {
    auto loaded = codecs::SchemaSet::Load(sluis::testing::SharedDir());
    if (!loaded.ok()) {
      ADD_FAILURE() << loaded.error().ToString();
      std::abort();
    }
    return std::move(loaded).value();
  }();
  return *schemas;
}

// Empty when the message passes the XSD, parses back to an equal value and breaks no level-2
// rule; otherwise what is wrong (the first few problems).
inline std::string Problems(const codecs::Bericht& b) {
  const std::string xml = codecs::EncodeBericht(b);
  std::string out;
  for (const codecs::Error& e :
       Schemas().ValidatePayload(codecs::DomeinOf(b), codecs::TypeOf(b), xml, 5)) {
    out += "XSD: " + e.ToString() + "\n";
  }
  const codecs::Result<codecs::Bericht> back = codecs::ParseBericht(xml);
  if (!back.ok()) {
    out += "parse: " + back.error().ToString() + "\n";
  } else if (!(*back == b)) {
    out += "parse: the message does not round-trip\n";
  }
  for (const codecs::RuleViolation& v : codecs::CheckLevel2(b)) {
    out += "level 2: " + v.rule + " " + v.location + ": " + v.message + "\n";
  }
  return out;
}

// The header and every record, read by the importer's own CSV reader.
inline std::vector<std::vector<std::string>> ParseCsv(std::string_view text) {
  const auto table = codecs::csv::Parse(text);
  if (!table.ok()) return {};
  std::vector<std::vector<std::string>> rows{table->header()};
  for (const auto& r : table->records()) rows.push_back(r.fields);
  return rows;
}

inline codecs::Date D(const char* text) { return *codecs::Date::Parse(text); }

}  // namespace sluis::workflow::synth::test_util
