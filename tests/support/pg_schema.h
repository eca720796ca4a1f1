// A PostgreSQL schema of its own for one test: created on construction, dropped (with
// everything in it) on destruction. url() connects with that schema as search_path, so every
// table Sluis creates lands inside it.
#pragma once

#include <string>

namespace sluis::testing {

class TestSchema {
 public:
  // migrate: apply Sluis' migrations inside the schema right away.
  explicit TestSchema(bool migrate = true);
  ~TestSchema();
  TestSchema(const TestSchema&) = delete;
  TestSchema& operator=(const TestSchema&) = delete;

  const std::string& name() const { return name_; }
  const std::string& url() const { return url_; }

  // Runs SQL in the schema (setup and assertions); returns the first column of the first row
  // as text, or "" when there is none.
  std::string Query(const std::string& sql) const;

 private:
  std::string base_url_;
  std::string name_;
  std::string url_;
};

// Appends "options=-csearch_path=<schema>" to a libpq URL.
std::string WithSearchPath(const std::string& url, const std::string& schema);

}  // namespace sluis::testing
