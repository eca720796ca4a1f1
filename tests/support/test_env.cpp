#include "test_env.h"

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include <gtest/gtest.h>

#include <unistd.h>

namespace sluis::testing {

std::string SourceDir() { return SLUIS_TEST_SOURCE_DIR; }
std::string SharedDir() { return SLUIS_TEST_SHARED_DIR; }
std::string BinaryDir() { return SLUIS_TEST_BINARY_DIR; }
std::string TestPkiDir() { return std::string(SLUIS_TEST_BINARY_DIR) + "/test-pki"; }
std::string SluisdPath() { return std::string(SLUIS_TEST_BINARY_DIR) + "/gateway/sluisd"; }
std::string SluisCliPath() { return std::string(SLUIS_TEST_BINARY_DIR) + "/gateway/sluis"; }

std::string TestDbUrl() {
  const char* url = std::getenv("SLUIS_TEST_DB_URL");
  if (!url || !*url) {
    ADD_FAILURE() << "SLUIS_TEST_DB_URL is not set: run the tests through ./ops/test, which "
                     "starts a throwaway PostgreSQL";
    return "";
  }
  return url;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void WriteFile(const std::string& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << content;
}

std::string MakeTempDir(const std::string& prefix) {
  static std::atomic<int> counter{0};
  std::random_device rd;
  const std::string dir = std::string(SLUIS_TEST_BINARY_DIR) + "/tmp/" + prefix + "-" +
                          std::to_string(getpid()) + "-" + std::to_string(counter++) + "-" +
                          std::to_string(rd() % 100000);
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

}  // namespace sluis::testing
