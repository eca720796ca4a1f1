// The [betaling] section of sluisd's config: the debtor of the payment batches.
#include <gtest/gtest.h>

#include "config.h"
#include "test_env.h"

namespace sluis::gateway {
namespace {

std::string Valid(const std::string& betaling) {
  const std::string pki = testing::TestPkiDir();
  return "shared_dir = \"" + testing::SharedDir() + "\"\n[tls]\ncert_file = \"" + pki +
         "/sluisd-chain.pem\"\nkey_file = \"" + pki + "/sluisd.key\"\nca_file = \"" + pki +
         "/ca-bundle.pem\"\n[database]\nurl = \"postgresql://sluis@127.0.0.1:5432/sluis\"\n" +
         betaling;
}

std::string ErrorOf(const std::string& text) {
  try {
    ParseConfig(text, "/", "test.toml");
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "";
}

TEST(ConfigBetalingTest, AbsentMeansNoDebtor) {
  const Config c = ParseConfig(Valid(""), "/");
  EXPECT_EQ(c.betaling.DebiteurVoor("0363"), nullptr);
  EXPECT_EQ(ParseConfig(Valid("[betaling]\n"), "/").betaling.DebiteurVoor("0363"), nullptr);
}

TEST(ConfigBetalingTest, DefaultAndPerGemeente) {
  const Config c =
      ParseConfig(Valid("[betaling]\ndebtor_naam = \"Gemeente Gastheer\"\n"
                        "debtor_iban = \"nl91 abna 0417 1643 00\"\ndebtor_bic = \"ABNANL2A\"\n"
                        "[betaling.gemeente.0599]\ndebtor_naam = \"Gemeente Buur\"\n"
                        "debtor_iban = \"NL20INGB0001234567\"\n"),
                  "/");
  const DebiteurConfig* gast = c.betaling.DebiteurVoor("0363");
  ASSERT_NE(gast, nullptr);
  EXPECT_EQ(gast->naam, "Gemeente Gastheer");
  EXPECT_EQ(gast->iban, "NL91ABNA0417164300");
  EXPECT_EQ(gast->bic, "ABNANL2A");
  const DebiteurConfig* buur = c.betaling.DebiteurVoor("0599");
  ASSERT_NE(buur, nullptr);
  EXPECT_EQ(buur->naam, "Gemeente Buur");
  EXPECT_EQ(buur->bic, "");
}

TEST(ConfigBetalingTest, MistakesAreNamed) {
  EXPECT_EQ(
      ErrorOf(Valid("[betaling]\ndebtor_naam = \"G\"\ndebtor_iban = \"NL91ABNA0417164301\"\n")),
      "config: betaling.debtor_iban: not a valid SEPA IBAN");
  EXPECT_EQ(ErrorOf(Valid("[betaling]\ndebtor_iban = \"NL91ABNA0417164300\"\n")),
            "config: betaling.debtor_naam: missing (the gemeente's name on the payment file)");
  EXPECT_EQ(ErrorOf(Valid("[betaling]\ndebtor_naam = \"G\"\ndebtor_iban = \"NL91ABNA0417164300\"\n"
                          "debtor_bic = \"ABN\"\n")),
            "config: betaling.debtor_bic: not a valid BIC");
  EXPECT_EQ(ErrorOf(Valid("[betaling]\ndebiteur = \"x\"\n")),
            "config: unknown key 'betaling.debiteur' (line 9)");
  EXPECT_EQ(ErrorOf(Valid("[betaling.gemeente.363]\ndebtor_naam = \"G\"\n")),
            "config: betaling.gemeente.363: not a gemeentecode (4 digits)");
  EXPECT_EQ(ErrorOf(Valid("[betaling.gemeente.0363]\ndebtor_iban = \"NL91ABNA0417164300\"\n"
                          "debtor_naam = \"G\"\ncolour = 1\n")),
            "config: unknown key 'betaling.gemeente.0363.colour' (line 11)");
  EXPECT_EQ(ErrorOf(Valid("[betaling.gemeente.0363]\n")),
            "config: betaling.gemeente.0363.debtor_naam: missing");
}

}  // namespace
}  // namespace sluis::gateway
