#include "sluis/codecs/rules.h"

#include <filesystem>

#include <gtest/gtest.h>

#include "test_env.h"

namespace sluis::codecs {
namespace {

namespace fs = std::filesystem;
using testing::ReadFile;
using testing::SharedDir;

TEST(Level2Test, OfficialExamplesHaveNoViolations) {
  for (const char* dir : {"/istandaarden/iwmo-3.2", "/istandaarden/ijw-3.2"}) {
    for (const auto& e : fs::directory_iterator(SharedDir() + dir)) {
      if (e.path().extension() != ".xml") continue;
      const auto parsed = ParseBericht(ReadFile(e.path().string()));
      if (!parsed) continue;  // JW315/JW318: level 1 already fails
      auto violations = CheckLevel2(*parsed);
      if (e.path().filename() == "JW323.xml") {
        // The public example declares ReferentieNummer RN004 twice for client 999900018.
        ASSERT_EQ(violations.size(), 1u);
        EXPECT_EQ(violations[0].rule, "TR101");
        EXPECT_EQ(violations[0].retourcode, "0001");
        EXPECT_EQ(violations[0].location,
                  "/Bericht/Declaratie/Clienten/Client[2]/Prestaties/Prestatie[3]/"
                  "ProductReferentie/ReferentieNummer");
        continue;
      }
      for (const RuleViolation& v : violations) {
        ADD_FAILURE() << e.path().filename() << ": " << v.rule << " " << v.location << ": "
                      << v.message;
      }
    }
  }
}

}  // namespace
}  // namespace sluis::codecs
