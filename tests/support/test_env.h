// Where the tests find things: the source tree, the reference material (../shared), the build
// tree, the test PKI and the test database. Paths are compiled in by tests/CMakeLists.txt.
#pragma once

#include <string>

namespace sluis::testing {

std::string SourceDir();     // the repository
std::string SharedDir();     // ../shared (istandaarden/, ebms/, sepa/)
std::string BinaryDir();     // the build tree
std::string TestPkiDir();    // made by certs/gen-dev-pki.sh (ctest fixture "pki")
std::string SluisdPath();    // the built daemon
std::string SluisCliPath();  // the built CLI

// SLUIS_TEST_DB_URL (set by ./ops/test). Fails the current test when it is not set.
std::string TestDbUrl();

std::string ReadFile(const std::string& path);
void WriteFile(const std::string& path, const std::string& content);
// A fresh empty directory under the build tree's tmp/, removed by nobody: inspect it after a
// failure.
std::string MakeTempDir(const std::string& prefix);

}  // namespace sluis::testing
