// sluis-testenv: starts a real sluisd on a fresh schema of the test database and the test PKI,
// prints one JSON line with its URLs, and stops it (dropping the schema) when stdin closes.
// The browser tests (tests/ui, Node) use it, so that they drive the same daemon the C++
// end-to-end tests do.
#include <cstdio>
#include <iostream>
#include <string>

#include <nlohmann/json.hpp>

#include "sluisd_process.h"
#include "test_env.h"

int main() {
  using namespace sluis::testing;
  if (TestDbUrl().empty()) return 2;
  // A debtor account, so that payment batches can be exported (the example IBAN of the Dutch
  // banks' documentation, not a real account).
  SluisdProcess d({.extra_config = "[betaling]\ndebtor_naam = \"Gemeente Testdorp\"\n"
                                   "debtor_iban = \"NL91ABNA0417164300\"\n"});
  if (!d.Start()) {
    std::fprintf(stderr, "sluis-testenv: sluisd did not start:\n%s\n%s\n",
                 d.process().Stdout().c_str(), d.process().Stderr().c_str());
    return 1;
  }
  nlohmann::json info = {
      {"admin_url", "https://127.0.0.1:" + std::to_string(d.admin_port())},
      {"ebms_url", "https://127.0.0.1:" + std::to_string(d.ebms_port()) + "/ebms"},
      {"db_url", d.schema().url()},
      {"log", d.process().stdout_path()},
      {"dir", d.dir()},
  };
  std::cout << info.dump() << std::endl;
  std::string line;
  while (std::getline(std::cin, line)) {
  }
  return d.Stop() == 0 ? 0 : 1;
}
