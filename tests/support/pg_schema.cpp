#include "pg_schema.h"

#include <atomic>
#include <random>

#include <gtest/gtest.h>
#include <pqxx/pqxx>

#include "sluis/db/connection.h"
#include "sluis/db/migrations.h"

#include "test_env.h"
#include <unistd.h>

namespace sluis::testing {

std::string WithSearchPath(const std::string& url, const std::string& schema) {
  const char sep = url.find('?') == std::string::npos ? '?' : '&';
  return url + sep + "options=-csearch_path%3D" + schema;
}

TestSchema::TestSchema(bool migrate) : base_url_(TestDbUrl()) {
  static std::atomic<int> counter{0};
  std::random_device rd;
  name_ = "t_" + std::to_string(getpid()) + "_" + std::to_string(counter++) + "_" +
          std::to_string(rd() % 1000000);
  url_ = WithSearchPath(base_url_, name_);
  if (base_url_.empty()) return;
  pqxx::connection c(base_url_);
  pqxx::work tx(c);
  tx.exec("CREATE SCHEMA " + tx.quote_name(name_));
  tx.commit();
  if (migrate) {
    db::Connection conn(url_);
    db::Migrate(conn);
  }
}

TestSchema::~TestSchema() {
  if (base_url_.empty()) return;
  try {
    pqxx::connection c(base_url_);
    pqxx::work tx(c);
    tx.exec("DROP SCHEMA IF EXISTS " + tx.quote_name(name_) + " CASCADE");
    tx.commit();
  } catch (const std::exception& e) {
    ADD_FAILURE() << "could not drop test schema " << name_ << ": " << e.what();
  }
}

std::string TestSchema::Query(const std::string& sql) const {
  pqxx::connection c(url_);
  pqxx::work tx(c);
  const pqxx::result r = tx.exec(sql);
  tx.commit();
  if (r.empty() || r.columns() == 0 || r[0][0].is_null()) return "";
  return r[0][0].as<std::string>();
}

}  // namespace sluis::testing
