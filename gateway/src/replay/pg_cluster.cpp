#include "replay/pg_cluster.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <fcntl.h>
#include <pwd.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace sluis::gateway {
namespace {

std::string FindBinDir() {
  if (const char* env = std::getenv("PG_BIN")) return env;
  return "/usr/lib/postgresql/15/bin";
}

std::string Tail(const std::string& path, size_t max = 2000) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string s = ss.str();
  return s.size() > max ? s.substr(s.size() - max) : s;
}

}  // namespace

int RunProgram(const std::vector<std::string>& argv, const std::string& log_file) {
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  if (!log_file.empty()) {
    posix_spawn_file_actions_addopen(&actions, 1, log_file.c_str(), O_WRONLY | O_CREAT | O_APPEND,
                                     0600);
    posix_spawn_file_actions_adddup2(&actions, 1, 2);
  }
  pid_t pid = 0;
  const int rc = posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) return -1;
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) return -1;
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

ThrowawayCluster::ThrowawayCluster() : bin_(FindBinDir()) {
  char tmpl[] = "/tmp/sluis-replay-XXXXXX";
  if (!mkdtemp(tmpl)) throw std::runtime_error("cannot make a temporary directory");
  dir_ = tmpl;
  std::vector<std::string> as;  // prefix to run as the cluster's owner
  if (geteuid() == 0) {
    const passwd* pw = getpwnam("postgres");
    if (!pw) throw std::runtime_error("running as root needs the 'postgres' user");
    if (chown(dir_.c_str(), pw->pw_uid, pw->pw_gid) != 0) {
      throw std::runtime_error("cannot hand " + dir_ + " to postgres");
    }
    as = {"runuser", "-u", "postgres", "--"};
  }
  const std::string log = dir_ + "/server.log";
  auto run = [&](std::vector<std::string> argv) {
    argv.insert(argv.begin(), as.begin(), as.end());
    return RunProgram(argv, geteuid() == 0 ? "" : log);
  };
  if (run({bin_ + "/initdb", "-D", dir_ + "/data", "-U", "sluis", "-A", "trust", "-E", "UTF8",
           "--locale=C.UTF-8", "--no-sync"}) != 0) {
    throw std::runtime_error("initdb failed (is PostgreSQL 15 installed in " + bin_ + "?)");
  }
  // No TCP; the socket lives in the private directory. Durability is pointless here.
  const std::string options = "-c listen_addresses= -k " + dir_ +
                              " -c fsync=off -c synchronous_commit=off -c full_page_writes=off";
  if (run({bin_ + "/pg_ctl", "-D", dir_ + "/data", "-l", dir_ + "/data/server.log", "-w", "-t",
           "60", "-o", options, "start"}) != 0) {
    throw std::runtime_error("PostgreSQL did not start:\n" + Tail(dir_ + "/data/server.log"));
  }
  started_ = true;
  url_ = "postgresql:///postgres?host=" + dir_ + "&user=sluis";
}

ThrowawayCluster::~ThrowawayCluster() {
  if (started_) {
    std::vector<std::string> argv = {bin_ + "/pg_ctl", "-D", dir_ + "/data", "-m",
                                     "immediate",      "-w", "stop"};
    if (geteuid() == 0) argv.insert(argv.begin(), {"runuser", "-u", "postgres", "--"});
    RunProgram(argv, "/dev/null");
  }
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

}  // namespace sluis::gateway
