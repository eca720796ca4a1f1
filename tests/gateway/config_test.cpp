#include "config.h"

#include <gtest/gtest.h>

#include "test_env.h"

namespace sluis::gateway {
namespace {

// A valid config using the test PKI and the shared material.
std::string Valid(const std::string& extra = "") {
  const std::string pki = testing::TestPkiDir();
  return "shared_dir = \"" + testing::SharedDir() + "\"\n" + extra + "[tls]\ncert_file = \"" + pki +
         "/sluisd-chain.pem\"\nkey_file = \"" + pki + "/sluisd.key\"\nca_file = \"" + pki +
         "/ca-bundle.pem\"\n" + "[database]\nurl = \"postgresql://sluis@127.0.0.1:5432/sluis\"\n";
}

std::string ErrorOf(const std::string& text) {
  try {
    ParseConfig(text, "/", "test.toml");
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "";
}

TEST(ConfigTest, ValidConfigHasDefaults) {
  const Config c = ParseConfig(Valid(), "/");
  EXPECT_EQ(c.ebms.port, 8443);
  EXPECT_EQ(c.admin.port, 8444);
  EXPECT_EQ(c.ebms.address, "127.0.0.1");
  EXPECT_EQ(c.database.pool_size, 4u);
  EXPECT_FALSE(c.database.auto_migrate);
  EXPECT_EQ(c.log.level, "info");
}

TEST(ConfigTest, OverridesAreRead) {
  const Config c =
      ParseConfig(Valid("io_threads = 3\n[ebms]\nport = 9443\nmax_connections = 7\n"), "/");
  EXPECT_EQ(c.ebms.port, 9443);
  EXPECT_EQ(c.ebms.max_connections, 7u);
  EXPECT_EQ(c.io_threads, 3u);
}

TEST(ConfigTest, UnknownKeyIsNamedWithItsLine) {
  EXPECT_EQ(ErrorOf(Valid("[ebms]\nprot = 1\n")), "config: unknown key 'ebms.prot' (line 3)");
  EXPECT_EQ(ErrorOf(Valid("colour = \"blue\"\n")), "config: unknown key 'colour' (line 2)");
}

TEST(ConfigTest, WrongTypesAndRangesAreNamed) {
  EXPECT_EQ(ErrorOf(Valid("[ebms]\nport = \"x\"\n")), "config: ebms.port: expected an integer");
  EXPECT_EQ(ErrorOf(Valid("[ebms]\nport = 70000\n")), "config: ebms.port: out of range");
  EXPECT_EQ(ErrorOf(Valid("[log]\nlevel = \"loud\"\n")),
            "config: log.level: must be debug, info, warn or error");
}

TEST(ConfigTest, DeadlineSweepAndAlertWebhook) {
  const Config d = ParseConfig(Valid(), "/");
  EXPECT_TRUE(d.deadlines.enabled);
  EXPECT_EQ(d.deadlines.poll_interval_ms, 60000u);
  EXPECT_EQ(d.alert_webhook_url, "");
  const Config c = ParseConfig(
      Valid("[deadlines]\npoll_interval_ms = 5000\nwebhook_url = \"https://a.example/x\"\n"), "/");
  EXPECT_EQ(c.deadlines.poll_interval_ms, 5000u);
  EXPECT_EQ(c.alert_webhook_url, "https://a.example/x");
  EXPECT_EQ(ErrorOf(Valid("[deadlines]\nwebhook_url = \"http://a.example/x\"\n")),
            "config: deadlines.webhook_url: must be an https:// URL");
}

TEST(ConfigTest, InboxWorkers) {
  EXPECT_EQ(ParseConfig(Valid(), "/").inbox.workers, 2u);
  EXPECT_EQ(ParseConfig(Valid("[inbox]\nworkers = 4\n"), "/").inbox.workers, 4u);
  EXPECT_EQ(ErrorOf(Valid("[inbox]\nworkers = 0\n")), "config: inbox.workers: must be 1 to 16");
  EXPECT_EQ(ErrorOf(Valid("[inbox]\nworkers = 17\n")), "config: inbox.workers: must be 1 to 16");
  EXPECT_EQ(ErrorOf(Valid("[unpack]\nworkers = 2\n")),
            "config: unknown key 'unpack.workers' (line 3)");
}

TEST(ConfigTest, InboxBerichtenPerTransaction) {
  EXPECT_EQ(ParseConfig(Valid(), "/").inbox.per_transaction, 16u);
  EXPECT_EQ(ParseConfig(Valid("[inbox]\nper_transaction = 1\n"), "/").inbox.per_transaction, 1u);
  EXPECT_EQ(ErrorOf(Valid("[inbox]\nper_transaction = 0\n")),
            "config: inbox.per_transaction: must be 1 to 256");
  EXPECT_EQ(ErrorOf(Valid("[inbox]\nper_transaction = 257\n")),
            "config: inbox.per_transaction: must be 1 to 256");
  EXPECT_EQ(ErrorOf(Valid("[pack]\nper_transaction = 2\n")),
            "config: unknown key 'pack.per_transaction' (line 3)");
}

TEST(ConfigTest, MissingFilesAndBadUrls) {
  std::string text = Valid();
  text.replace(text.find("sluisd.key"), 10, "nothere.key");
  EXPECT_NE(ErrorOf(text).find("config: tls.key_file: file not found: "), std::string::npos);

  std::string bad_url = Valid();
  bad_url.replace(bad_url.find("postgresql://"), 13, "mysql://");
  EXPECT_EQ(ErrorOf(bad_url),
            "config: database.url: not a PostgreSQL URL (postgresql://user@host:port/db)");

  std::string no_db = Valid();
  no_db.erase(no_db.find("[database]"));
  EXPECT_EQ(ErrorOf(no_db), "config: database.url: missing (or set url_file)");
}

TEST(ConfigTest, SyntaxErrorsGiveTheLine) {
  EXPECT_NE(ErrorOf("shared_dir = \n").find("config: test.toml line 1: "), std::string::npos);
}

}  // namespace
}  // namespace sluis::gateway
