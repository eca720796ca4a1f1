// sluisd as a process: TLS listeners, health and readiness, exit codes, signals.
#include <filesystem>
#include <thread>

#include <gtest/gtest.h>
#include <openssl/ssl.h>

#include "process.h"
#include "sluisd_process.h"
#include "test_env.h"
#include "tls_client.h"
#include <signal.h>

namespace sluis::testing {
namespace {

ClientTls TrustDevCa() { return {.ca_file = TestPkiDir() + "/ca-bundle.pem"}; }

ClientTls AsGgk(const std::string& name = "ggk") {
  return {.ca_file = TestPkiDir() + "/ca-bundle.pem",
          .cert_file = TestPkiDir() + "/" + name + "-chain.pem",
          .key_file = TestPkiDir() + "/" + name + ".key"};
}

TEST(SluisdTest, HealthzAndReadyzOverTls) {
  SluisdProcess d;
  ASSERT_TRUE(d.Start());
  const HttpResult health = HttpsRequest(d.admin_port(), TrustDevCa(), "GET", "/healthz");
  ASSERT_TRUE(health.connected) << health.error;
  EXPECT_EQ(health.status, 200);
  EXPECT_EQ(health.body, R"({"status":"ok"})");
  EXPECT_NE(health.peer_subject.find("serialNumber=00000001003214345000"), std::string::npos)
      << health.peer_subject;

  const HttpResult ready = HttpsRequest(d.admin_port(), TrustDevCa(), "GET", "/readyz");
  EXPECT_EQ(ready.status, 200) << ready.body;
  EXPECT_NE(ready.body.find("\"database\":\"reachable\""), std::string::npos);
  EXPECT_EQ(d.Stop(), 0);
}

TEST(SluisdTest, NotReadyWhileMigrationsArePending) {
  SluisdProcess d({.migrate = false});
  ASSERT_TRUE(d.Start());
  const HttpResult ready = HttpsRequest(d.admin_port(), TrustDevCa(), "GET", "/readyz");
  EXPECT_EQ(ready.status, 503);
  EXPECT_NE(ready.body.find("pending"), std::string::npos) << ready.body;
  EXPECT_NE(d.process().Stdout().find("\"event\":\"schema_pending\""), std::string::npos);
}

TEST(SluisdTest, AutoMigrateAppliesPendingMigrations) {
  SluisdProcess d({.migrate = false, .auto_migrate = true});
  ASSERT_TRUE(d.Start());
  EXPECT_NE(d.process().Stdout().find("\"event\":\"schema_migrated\""), std::string::npos);
  EXPECT_EQ(HttpsRequest(d.admin_port(), TrustDevCa(), "GET", "/readyz").status, 200);
}

TEST(SluisdTest, RefusesADatabaseSchemaNewerThanItself) {
  SluisdProcess d;
  d.schema().Query(
      "INSERT INTO schema_migrations (version, name, checksum) VALUES (9999, 'future', 'x')");
  ChildProcess p({SluisdPath(), "--config", d.config_path()}, MakeTempDir("ahead"));
  EXPECT_EQ(p.Wait(std::chrono::seconds(20)), 1);
  EXPECT_NE(p.Stdout().find("\"event\":\"schema_ahead\""), std::string::npos) << p.Stdout();
}

TEST(SluisdTest, BadConfigurationExitsTwoWithOneLine) {
  const std::string dir = MakeTempDir("badcfg");
  const RunResult missing = RunCommand({SluisdPath(), "--config", dir + "/none.toml"});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_EQ(missing.err, "sluisd: config: cannot read " + dir + "/none.toml\n");

  SluisdProcess d;
  std::string text = ReadFile(d.config_path());
  WriteFile(d.config_path(), "listen_everywhere = true\n" + text);
  const RunResult unknown = RunCommand({SluisdPath(), "--config", d.config_path()});
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_EQ(unknown.err, "sluisd: config: unknown key 'listen_everywhere' (line 1)\n");
  EXPECT_EQ(unknown.out, "");  // no stack trace, no log noise

  const RunResult usage = RunCommand({SluisdPath()});
  EXPECT_EQ(usage.exit_code, 2);
}

TEST(SluisdTest, SigtermStopsCleanly) {
  SluisdProcess d;
  ASSERT_TRUE(d.Start());
  EXPECT_EQ(d.Stop(), 0);
  const std::string out = d.process().Stdout();
  EXPECT_NE(out.find("\"event\":\"stopping\""), std::string::npos);
  EXPECT_NE(out.find("\"event\":\"stopped\""), std::string::npos);
}

TEST(SluisdTest, SighupReloadsCertificates) {
  SluisdProcess d;
  ASSERT_TRUE(d.Start());
  EXPECT_NE(HttpsRequest(d.admin_port(), TrustDevCa(), "GET", "/healthz")
                .peer_subject.find("sluisd gemeente"),
            std::string::npos);
  // Renewed certificate: overwrite the files the daemon was started with, then SIGHUP.
  const std::string pki = TestPkiDir();
  WriteFile(d.cert_path(), ReadFile(pki + "/ggk-chain.pem"));
  WriteFile(d.key_path(), ReadFile(pki + "/ggk.key"));
  d.process().Signal(SIGHUP);
  ASSERT_TRUE(d.process().WaitForOutput(
      [](const std::string& out) { return out.find("\"tls_reloaded\"") != std::string::npos; },
      std::chrono::seconds(5)));
  const HttpResult after = HttpsRequest(d.admin_port(), TrustDevCa(), "GET", "/healthz");
  EXPECT_EQ(after.status, 200);
  EXPECT_NE(after.peer_subject.find("ggk-simulator"), std::string::npos) << after.peer_subject;

  // A broken file is refused and the previous certificate stays in use.
  WriteFile(d.key_path(), "not a key");
  d.process().Signal(SIGHUP);
  ASSERT_TRUE(d.process().WaitForOutput(
      [](const std::string& out) { return out.find("\"tls_reload_failed\"") != std::string::npos; },
      std::chrono::seconds(5)));
  EXPECT_NE(HttpsRequest(d.admin_port(), TrustDevCa(), "GET", "/healthz")
                .peer_subject.find("ggk-simulator"),
            std::string::npos);
}

TEST(SluisdTest, EbmsListenerDemandsAClientCertificate) {
  SluisdProcess d;
  ASSERT_TRUE(d.Start());
  const HttpResult anonymous = HttpsRequest(d.ebms_port(), TrustDevCa(), "POST", "/ebms", "x");
  EXPECT_FALSE(anonymous.connected);
  EXPECT_TRUE(d.process().WaitForOutput(
      [](const std::string& out) {
        return out.find("\"reason\":\"no_client_certificate\"") != std::string::npos;
      },
      std::chrono::seconds(5)))
      << d.process().Stdout();
  const HttpResult ggk = HttpsRequest(d.ebms_port(), AsGgk(), "POST", "/ebms", "x");
  EXPECT_TRUE(ggk.connected) << ggk.error;
}

TEST(SluisdTest, EbmsListenerRefusesTls11) {
  SluisdProcess d;
  ASSERT_TRUE(d.Start());
  ClientTls old = AsGgk();
  old.max_version = TLS1_1_VERSION;
  old.allow_legacy = true;
  const HttpResult r = HttpsRequest(d.ebms_port(), old, "POST", "/ebms", "x");
  EXPECT_FALSE(r.connected);
  EXPECT_TRUE(d.process().WaitForOutput(
      [](const std::string& out) {
        return out.find("\"reason\":\"protocol_version\"") != std::string::npos;
      },
      std::chrono::seconds(5)))
      << d.process().Stdout();
}

}  // namespace
}  // namespace sluis::testing
