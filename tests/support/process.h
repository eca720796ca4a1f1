// A child process for end-to-end tests: spawned with posix_spawn, stdout and stderr captured
// in files (kept for inspection after a failure), stopped with a signal.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <sys/types.h>

namespace sluis::testing {

class ChildProcess {
 public:
  // argv[0] is the program path. env entries are added to the current environment.
  ChildProcess(std::vector<std::string> argv, const std::string& output_dir,
               std::map<std::string, std::string> env = {});
  ~ChildProcess();  // SIGKILL if still running
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  pid_t pid() const { return pid_; }
  void Signal(int sig) const;
  // Waits for exit; returns the exit code (128+signal when killed), nullopt on timeout.
  std::optional<int> Wait(std::chrono::milliseconds timeout);
  bool running();

  std::string Stdout() const;
  std::string Stderr() const;
  const std::string& stdout_path() const { return stdout_path_; }

  // Polls stdout until pred(stdout) is true or the timeout passes. Returns pred's last value.
  bool WaitForOutput(const std::function<bool(const std::string&)>& pred,
                     std::chrono::milliseconds timeout);

 private:
  pid_t pid_ = -1;
  std::optional<int> exit_code_;
  std::string stdout_path_, stderr_path_;
};

// Runs a command to completion; returns {exit code, stdout, stderr}.
struct RunResult {
  int exit_code;
  std::string out;
  std::string err;
};
RunResult RunCommand(std::vector<std::string> argv, std::map<std::string, std::string> env = {},
                     std::chrono::milliseconds timeout = std::chrono::seconds(120));

}  // namespace sluis::testing
