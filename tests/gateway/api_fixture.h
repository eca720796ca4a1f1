// The API router in-process against a real database (no sockets): accounts for every role,
// logging in, and test data put there by `sluis replay`'s code path. Shared by the api_*pgtest
// files.
#ifndef SLUIS_TESTS_GATEWAY_API_FIXTURE_H_
#define SLUIS_TESTS_GATEWAY_API_FIXTURE_H_

#include <utility>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "sluis/db/accounts.h"
#include "sluis/workflow/clock.h"

#include "api/password.h"
#include "api/router.h"
#include "db_pool.h"
#include "pg_schema.h"
#include "replay/replay.h"
#include "test_env.h"

namespace sluis::gateway::api {

namespace fs = std::filesystem;
using nlohmann::json;

inline const std::vector<std::string> kRoles = {"backoffice", "accountmanager", "operations",
                                                "beheer"};
inline constexpr char kPassword[] = "correct horse battery";

struct Login {
  std::string cookie, csrf;
};

class ApiTest : public ::testing::Test {
 protected:
  ApiTest()
      : pool_(schema_.url(), 2),
        clock_(workflow::DutchMidnight(*codecs::Date::Parse("2026-02-10")) +
               std::chrono::hours(10)),
        router_(pool_, clock_, testing::SharedDir(), UiConfig{}, Betaling()) {
    db::Connection conn(schema_.url());
    for (const auto& role : kRoles) {
      db::Account a;
      a.username = role;
      a.display_name = "Test " + role;
      a.roles = {role};
      a.password_hash = HashPassword(kPassword, {.n = 1024, .r = 8, .p = 1});
      db::SaveAccount(conn, a, "test");
    }
  }

  // Payment files of gemeente 0363 come from this account; other gemeenten have none.
  static BetalingConfig Betaling() {
    BetalingConfig b;
    b.per_gemeente["0363"] = {"Gemeente Testdorp", "NL91ABNA0417164300", ""};
    return b;
  }

  HttpResponse Call(const std::string& method, const std::string& target,
                    const std::string& body = "", const Login* login = nullptr,
                    bool with_csrf = true) {
    HttpRequest req;
    req.method = method;
    req.target = target;
    req.body = body;
    req.peer.address = "127.0.0.1:40000";
    req.headers.emplace_back("content-type", "application/json");
    if (login) {
      req.headers.emplace_back("cookie", "other=1; sluis_sessie=" + login->cookie);
      if (with_csrf) req.headers.emplace_back("x-csrf-token", login->csrf);
    }
    boost::asio::io_context ioc;
    auto guard = boost::asio::make_work_guard(ioc);
    std::optional<HttpResponse> out;
    std::exception_ptr error;
    boost::asio::co_spawn(ioc, router_.Handle(std::move(req)),
                          [&](std::exception_ptr e, HttpResponse r) {
                            error = e;
                            out = std::move(r);
                            guard.reset();
                          });
    ioc.run();
    if (error) std::rethrow_exception(error);
    return *out;
  }

  Login LogIn(const std::string& user, const std::string& password = kPassword) {
    const HttpResponse r =
        Call("POST", "/api/login", json{{"username", user}, {"password", password}}.dump());
    EXPECT_EQ(r.status, 200) << r.body;
    Login l;
    for (const auto& [k, v] : r.headers) {
      if (k == "Set-Cookie") l.cookie = v.substr(13, v.find(';') - 13);
    }
    if (r.status == 200) l.csrf = json::parse(r.body)["csrf_token"];
    return l;
  }

  // 01-spec-example: one 323 from 42420001 (prestatie 1 approved, 2 rejected with 9321).
  void ReplaySpecExample() {
    ReplayDir(testing::SourceDir() + "/tests/data/replay/01-spec-example");
  }

  // Some files of a scenario under tests/data (e.g. a regie scenario without its decisions).
  void ReplayFiles(const std::string& scenario_dir, const std::vector<std::string>& files) {
    const fs::path scenario = testing::SourceDir() + "/tests/data/" + scenario_dir;
    const fs::path in = fs::temp_directory_path() / ("sluis-api-in-" + schema_.name());
    fs::remove_all(in);
    fs::create_directories(in);
    for (const auto& f : files) fs::copy_file(scenario / f, in / f);
    ReplayDir(in.string());
    fs::remove_all(in);
  }

  // `sluis replay --db` of a directory into this test's schema.
  void ReplayDir(const std::string& in_dir) {
    ReplayOptions o;
    o.in_dir = in_dir;
    o.reference_dir = testing::SourceDir() + "/tests/data/replay/reference";
    o.out_dir = fs::temp_directory_path() / ("sluis-api-" + schema_.name());
    o.db_url = schema_.url();
    o.schemas = *codecs::SchemaSet::Load(testing::SharedDir());
    const ReplayResult r = Replay(o);
    ASSERT_TRUE(r.ok) << r.summary.dump(1);
    fs::remove_all(o.out_dir);
  }

  // 13-vot-onderzoek without its decisions: the 301 sent earlier and one 315 from 42420001 for
  // client 999900225 asking two products (REF-A 02A02, REF-B 03A01), both in the work queue.
  void ReplayTwoVerzoeken() {
    ReplayFiles("replay-regie/13-vot-onderzoek", {"001-WMO301.xml", "002-WMO315.xml"});
  }

  std::string DeclaratieId() { return schema_.Query("SELECT id FROM declaratie"); }

  testing::TestSchema schema_;
  DbPool pool_;
  workflow::ManualClock clock_;
  ApiRouter router_;
};

}  // namespace sluis::gateway::api

#endif  // SLUIS_TESTS_GATEWAY_API_FIXTURE_H_
