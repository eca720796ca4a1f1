#include "sluisd_process.h"

#include <filesystem>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "test_env.h"
#include <signal.h>

namespace sluis::testing {

uint16_t FindListeningPort(const std::string& log, const std::string& listener) {
  std::istringstream in(log);
  std::string line;
  while (std::getline(in, line)) {
    const auto j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_object() && j.value("event", "") == "listening" &&
        j.value("listener", "") == listener) {
      return j.value("port", uint16_t{0});
    }
  }
  return 0;
}

SluisdProcess::SluisdProcess(SluisdOptions options) : options_(std::move(options)) {
  schema_ = std::make_unique<TestSchema>(options_.migrate);
  if (options_.migrate) {
    // sluisd runs on today's clock, the shipped handelsrente table ends with what was known at
    // release: the half year today is in gets the latest rate, so that the daemon's warning about a
    // missing rate (db::SweepHandelsrente) is not in every test's alerts. Tests of that warning
    // delete the row.
    schema_->Query(std::string("INSERT INTO handelsrente (ingangsdatum, percentage) SELECT (") +
                   kHuidigHalfjaarSql +
                   "), (SELECT percentage FROM handelsrente ORDER BY ingangsdatum DESC LIMIT 1)"
                   " ON CONFLICT DO NOTHING");
  }
  dir_ = MakeTempDir("sluisd");
  config_path_ = dir_ + "/sluisd.toml";
  const std::string pki = TestPkiDir();
  std::filesystem::copy_file(pki + "/" + options_.cert + "-chain.pem", cert_path());
  std::filesystem::copy_file(pki + "/" + options_.cert + ".key", key_path());
  std::ostringstream cfg;
  cfg << "shared_dir = \"" << SharedDir() << "\"\n"
      << "[ebms]\nport = 0\n"
      << "[admin]\nport = 0\n"
      << "[tls]\n"
      << "cert_file = \"" << cert_path() << "\"\n"
      << "key_file = \"" << key_path() << "\"\n"
      << "ca_file = \"" << pki << "/ca-bundle.pem\"\n"
      << "[database]\nurl = \"" << schema_->url() << "\"\n"
      << "auto_migrate = " << (options_.auto_migrate ? "true" : "false") << "\n"
      << options_.extra_config << "\n";
  WriteFile(config_path_, cfg.str());
}

SluisdProcess::~SluisdProcess() {
  if (!process_) return;
  if (process_->running()) Stop();
  // A sanitizer report in the daemon fails the test that ran it, whatever it asserted.
  const std::string err = process_->Stderr();
  for (const char* marker : {"ERROR: AddressSanitizer", "ERROR: LeakSanitizer", "runtime error:"}) {
    if (err.find(marker) != std::string::npos) {
      ADD_FAILURE() << "sluisd reported '" << marker << "' (" << dir_ << "/stderr.log):\n"
                    << err.substr(0, 4000);
      break;
    }
  }
}

bool SluisdProcess::Start() {
  process_ = std::make_unique<ChildProcess>(
      std::vector<std::string>{SluisdPath(), "--config", config_path_}, dir_);
  const bool up = process_->WaitForOutput(
      [&](const std::string& out) {
        admin_port_ = FindListeningPort(out, "admin");
        ebms_port_ = FindListeningPort(out, "ebms");
        return admin_port_ != 0 && ebms_port_ != 0;
      },
      std::chrono::seconds(30));
  if (!up) {
    ADD_FAILURE() << "sluisd did not start\nstdout:\n"
                  << process_->Stdout() << "\nstderr:\n"
                  << process_->Stderr();
  }
  return up;
}

int SluisdProcess::Stop() {
  process_->Signal(SIGTERM);
  const auto code = process_->Wait(std::chrono::seconds(20));
  return code.value_or(-1);
}

}  // namespace sluis::testing
