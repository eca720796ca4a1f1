// A throwaway PostgreSQL 15 cluster for `sluis replay` without --db: initdb into a private
// temporary directory, served on a Unix socket in that directory only (no TCP port, trust
// authentication for its owner), stopped and removed when the object goes. As root the server
// runs as Debian's `postgres` user, as PostgreSQL refuses to run as root.
#pragma once

#include <string>
#include <vector>

namespace sluis::gateway {

class ThrowawayCluster {
 public:
  // Starts the cluster; throws std::runtime_error with the server's log tail if it cannot.
  ThrowawayCluster();
  ~ThrowawayCluster();
  ThrowawayCluster(const ThrowawayCluster&) = delete;
  ThrowawayCluster& operator=(const ThrowawayCluster&) = delete;

  const std::string& url() const { return url_; }

 private:
  std::string dir_;
  std::string bin_;
  std::string url_;
  bool started_ = false;
};

// Runs a program (no shell) and waits; stdout and stderr go to `log_file` when given. Returns
// the exit status (-1 when it could not be started).
int RunProgram(const std::vector<std::string>& argv, const std::string& log_file = "");

}  // namespace sluis::gateway
