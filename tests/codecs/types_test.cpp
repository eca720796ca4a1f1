#include "sluis/codecs/types.h"

#include <gtest/gtest.h>

#include "sluis/codecs/result.h"

namespace sluis::codecs {
namespace {

TEST(ElfproefTest, TestBsnsPassAndTypingErrorsFail) {
  EXPECT_TRUE(PassesElfproef("999990019"));
  EXPECT_TRUE(PassesElfproef("999900006"));
  EXPECT_TRUE(PassesElfproef("999900018"));
  EXPECT_FALSE(PassesElfproef("999990018"));  // last digit changed
  EXPECT_FALSE(PassesElfproef("99999001"));   // too short
  EXPECT_FALSE(PassesElfproef("99999001a"));
}

TEST(CentsTest, DecimalRendering) {
  EXPECT_EQ(Cents(58000).ToDecimalString(), "580.00");
  EXPECT_EQ(Cents(5).ToDecimalString(), "0.05");
  EXPECT_EQ(Cents(-1250).ToDecimalString(), "-12.50");
  EXPECT_EQ((Cents(100) - Cents(250)).value(), -150);
}

TEST(StrongTypesTest, DistinctTypesCompareByValue) {
  EXPECT_EQ(Bsn("999990019"), Bsn("999990019"));
  EXPECT_LT(AgbCode("42420001"), AgbCode("65656055"));
  EXPECT_EQ(ToewijzingNummer(100234).value(), 100234);
  EXPECT_TRUE(IsGemeenteFormat("0363"));
  EXPECT_FALSE(IsGemeenteFormat("363"));
}

TEST(ResultTest, CarriesValueOrError) {
  Result<int> ok = 5;
  ASSERT_TRUE(ok);
  EXPECT_EQ(*ok, 5);
  Result<int> bad = MakeError(ErrorKind::kRule, "TR358", "totaal klopt niet", "/Bericht");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().ToString(), "TR358 /Bericht: totaal klopt niet");
}

}  // namespace
}  // namespace sluis::codecs
