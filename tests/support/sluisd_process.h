// Runs a real sluisd for end-to-end and UI tests: a schema of its own in the test database,
// the test PKI, ports chosen by the kernel (port 0, read back from the "listening" log lines).
#pragma once

#include <memory>
#include <string>

#include "pg_schema.h"
#include "process.h"

namespace sluis::testing {

struct SluisdOptions {
  bool migrate = true;          // apply migrations before starting
  bool auto_migrate = false;    // [database] auto_migrate
  std::string extra_config;     // TOML appended to the generated config
  std::string cert = "sluisd";  // name in the test PKI
};

class SluisdProcess {
 public:
  explicit SluisdProcess(SluisdOptions options = {});
  ~SluisdProcess();

  // Starts sluisd and waits until both listeners log their ports. Returns false (with the
  // daemon's output in the failure message) if it does not come up.
  bool Start();
  // SIGTERM, then waits; returns the exit code.
  int Stop();

  ChildProcess& process() { return *process_; }
  TestSchema& schema() { return *schema_; }
  uint16_t admin_port() const { return admin_port_; }
  uint16_t ebms_port() const { return ebms_port_; }
  const std::string& dir() const { return dir_; }
  const std::string& config_path() const { return config_path_; }
  // The daemon's own copies of its certificate chain and key (tests may overwrite them).
  std::string cert_path() const { return dir_ + "/server-chain.pem"; }
  std::string key_path() const { return dir_ + "/server.key"; }

 private:
  SluisdOptions options_;
  std::unique_ptr<TestSchema> schema_;
  std::unique_ptr<ChildProcess> process_;
  std::string dir_, config_path_;
  uint16_t admin_port_ = 0, ebms_port_ = 0;
};

// SQL for the first day of the half year today is in (1 January or 1 July, Dutch time): the
// ingangsdatum of the handelsrente row the daemon wants for today (db::SweepHandelsrente).
inline constexpr const char* kHuidigHalfjaarSql =
    "SELECT make_date(extract(year FROM d)::int, CASE WHEN extract(month FROM d) >= 7 THEN 7"
    " ELSE 1 END, 1) FROM (SELECT (now() AT TIME ZONE 'Europe/Amsterdam')::date AS d) t";

// The port in a sluisd log line {"event":"listening","listener":name,...,"port":N}, 0 if none.
uint16_t FindListeningPort(const std::string& log, const std::string& listener);

}  // namespace sluis::testing
