#include "process.h"

#include <cstring>
#include <stdexcept>
#include <thread>

#include "test_env.h"
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace sluis::testing {

ChildProcess::ChildProcess(std::vector<std::string> argv, const std::string& dir,
                           std::map<std::string, std::string> env)
    : stdout_path_(dir + "/stdout.log"), stderr_path_(dir + "/stderr.log") {
  std::vector<std::string> envs;
  for (char** e = environ; *e; ++e) {
    const std::string kv = *e;
    const std::string key = kv.substr(0, kv.find('='));
    if (!env.count(key)) envs.push_back(kv);
  }
  for (const auto& [k, v] : env) envs.push_back(k + "=" + v);
  std::vector<char*> cargv, cenv;
  for (auto& a : argv) cargv.push_back(a.data());
  cargv.push_back(nullptr);
  for (auto& e : envs) cenv.push_back(e.data());
  cenv.push_back(nullptr);

  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&fa, 1, stdout_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                   0644);
  posix_spawn_file_actions_addopen(&fa, 2, stderr_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                   0644);
  // Nothing of ours leaks into the child: an inherited listening socket would keep a port
  // bound after this process closed it.
  posix_spawn_file_actions_addclosefrom_np(&fa, 3);
  const int rc = posix_spawn(&pid_, cargv[0], &fa, nullptr, cargv.data(), cenv.data());
  posix_spawn_file_actions_destroy(&fa);
  if (rc != 0) throw std::runtime_error("posix_spawn " + argv[0] + ": " + std::strerror(rc));
}

ChildProcess::~ChildProcess() {
  if (running()) {
    kill(pid_, SIGKILL);
    Wait(std::chrono::seconds(5));
  }
}

void ChildProcess::Signal(int sig) const { kill(pid_, sig); }

bool ChildProcess::running() {
  if (exit_code_) return false;
  int status = 0;
  const pid_t r = waitpid(pid_, &status, WNOHANG);
  if (r == pid_) {
    exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return false;
  }
  return r == 0;
}

std::optional<int> ChildProcess::Wait(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (running()) {
    if (std::chrono::steady_clock::now() > deadline) return std::nullopt;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return exit_code_;
}

std::string ChildProcess::Stdout() const { return ReadFile(stdout_path_); }
std::string ChildProcess::Stderr() const { return ReadFile(stderr_path_); }

bool ChildProcess::WaitForOutput(const std::function<bool(const std::string&)>& pred,
                                 std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    if (pred(Stdout())) return true;
    if (std::chrono::steady_clock::now() > deadline || !running()) return pred(Stdout());
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

RunResult RunCommand(std::vector<std::string> argv, std::map<std::string, std::string> env,
                     std::chrono::milliseconds timeout) {
  const std::string dir = MakeTempDir("cmd");
  ChildProcess p(std::move(argv), dir, std::move(env));
  const auto code = p.Wait(timeout);
  return {code.value_or(-1), p.Stdout(), p.Stderr()};
}

}  // namespace sluis::testing
