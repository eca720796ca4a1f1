// The API's building blocks without a database: password hashing, BSN masking, CSV.
#include <gtest/gtest.h>

#include "api/api_internal.h"
#include "api/password.h"

namespace sluis::gateway::api {
namespace {

TEST(Password, VerifiesOnlyTheRightPasswordAndSaltsEveryHash) {
  const ScryptCost cheap{.n = 1024, .r = 8, .p = 1};
  const std::string a = HashPassword("geheim wachtwoord", cheap);
  EXPECT_EQ(a.rfind("scrypt$1024$8$1$", 0), 0u) << a;
  EXPECT_TRUE(VerifyPassword("geheim wachtwoord", a));
  EXPECT_FALSE(VerifyPassword("geheim wachtwoorD", a));
  EXPECT_NE(HashPassword("geheim wachtwoord", cheap), a);
  EXPECT_FALSE(VerifyPassword("x", "scrypt$1024$8$1$bad"));
  EXPECT_FALSE(VerifyPassword("x", "plain"));
  EXPECT_FALSE(VerifyPassword("x", "scrypt$1073741824$8$1$AAAA$AAAA"));  // absurd cost refused
}

TEST(Password, DefaultCostIsMemoryHard) {
  EXPECT_EQ(HashPassword("x").rfind("scrypt$32768$8$1$", 0), 0u);
}

TEST(Tokens, AreRandomAndUrlSafe) {
  const std::string a = RandomToken(), b = RandomToken();
  EXPECT_NE(a, b);
  EXPECT_EQ(a.size(), 43u);
  EXPECT_EQ(a.find_first_of("+/="), std::string::npos);
}

TEST(Mask, KeepsOnlyTheLastFourDigits) {
  EXPECT_EQ(MaskBsn("999900006"), "*****0006");
  EXPECT_EQ(MaskBsnInXml("<a><p:Bsn>999900006</p:Bsn><Bsn>999900018</Bsn><BsnX>1</BsnX></a>"),
            "<a><p:Bsn>*****0006</p:Bsn><Bsn>*****0018</Bsn><BsnX>1</BsnX></a>");
}

TEST(Csv, QuotesAndDefusesFormulas) {
  db::Table t;
  t.columns = {"naam", "bsn", "bedrag"};
  t.kinds = {db::Table::Kind::kText, db::Table::Kind::kText, db::Table::Kind::kNumber};
  t.rows = {{"De \"Linde\", Zorg", "999900006", "-100"}, {"=HYPERLINK(1)", std::nullopt, "5"}};
  EXPECT_EQ(
      TableCsv(t),
      "naam,bsn,bedrag\r\n\"De \"\"Linde\"\", Zorg\",*****0006,-100\r\n'=HYPERLINK(1),,5\r\n");
}

TEST(Query, PercentDecoding) {
  EXPECT_EQ(PercentDecode("a%20b+c%2F%zz"), "a b c/%zz");
  int64_t v = 0;
  EXPECT_TRUE(ParseId("42", v));
  EXPECT_EQ(v, 42);
  EXPECT_FALSE(ParseId("4x", v));
  EXPECT_FALSE(ParseId("-1", v));
}

}  // namespace
}  // namespace sluis::gateway::api
