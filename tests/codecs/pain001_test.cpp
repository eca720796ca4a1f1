#include "sluis/codecs/pain001.h"

#include <random>

#include <gtest/gtest.h>

#include "sluis/codecs/xsd.h"

#include "test_env.h"

namespace sluis::codecs {
namespace {

const SchemaSet& Schemas() {
  static auto s = *SchemaSet::Load(testing::SharedDir());
  return *s;
}

// All XSD messages of a document, one per line ("" when it validates).
std::string XsdErrors(const std::string& xml) {
  std::string out;
  for (const Error& e : Schemas().Validate(SchemaKind::kPain001, xml)) out += e.ToString() + "\n";
  return out;
}

SepaPaymentFile OneTransfer() {
  SepaPaymentFile f;
  f.message_id = "SLUIS-0363-20261123-1";
  f.creation_date = *Date::Parse("2026-11-23");
  f.creation_time = *TimeOfDay::Make(10, 15, 0);
  f.payment_info_id = "SLUIS-0363-20261123-1-1";
  f.requested_execution_date = *Date::Parse("2026-11-25");
  f.debtor_name = "Gemeente Teststad";
  f.debtor_iban = "NL91ABNA0417164300";
  f.debtor_bic = "ABNANL2A";
  f.transfers.push_back({"B1-12345678", Cents(123456), "Zorg & Welzijn B.V.", "NL02ABNA0123456789",
                         std::nullopt, "Declaraties 0363 D202611001"});
  return f;
}

SepaPaymentFile ThreeTransfers() {
  SepaPaymentFile f = OneTransfer();
  f.debtor_bic.reset();
  f.transfers.push_back({"B1-23456789", Cents(1), "Thuiszorg Ærø Straße", "nl20 ingb 0001 2345 67",
                         "INGBNL2A", "D1 D2 D3"});
  f.transfers.push_back({"B1-34567890", Cents(99'999'999'999), "Jeugdhulp \xe4\xb8\xad Noord",
                         "DE89370400440532013000", std::nullopt, ""});
  return f;
}

TEST(Pain001Test, SingleTransferRendersExactly) {
  const auto xml = EncodePain001(OneTransfer());
  ASSERT_TRUE(xml.ok()) << xml.error().ToString();
  const std::string expected =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n"
      "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pain.001.001.03\" "
      "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\r\n"
      "  <CstmrCdtTrfInitn>\r\n"
      "    <GrpHdr>\r\n"
      "      <MsgId>SLUIS-0363-20261123-1</MsgId>\r\n"
      "      <CreDtTm>2026-11-23T10:15:00</CreDtTm>\r\n"
      "      <NbOfTxs>1</NbOfTxs>\r\n"
      "      <CtrlSum>1234.56</CtrlSum>\r\n"
      "      <InitgPty>\r\n"
      "        <Nm>Gemeente Teststad</Nm>\r\n"
      "      </InitgPty>\r\n"
      "    </GrpHdr>\r\n"
      "    <PmtInf>\r\n"
      "      <PmtInfId>SLUIS-0363-20261123-1-1</PmtInfId>\r\n"
      "      <PmtMtd>TRF</PmtMtd>\r\n"
      "      <BtchBookg>true</BtchBookg>\r\n"
      "      <NbOfTxs>1</NbOfTxs>\r\n"
      "      <CtrlSum>1234.56</CtrlSum>\r\n"
      "      <PmtTpInf>\r\n"
      "        <SvcLvl>\r\n"
      "          <Cd>SEPA</Cd>\r\n"
      "        </SvcLvl>\r\n"
      "      </PmtTpInf>\r\n"
      "      <ReqdExctnDt>2026-11-25</ReqdExctnDt>\r\n"
      "      <Dbtr>\r\n"
      "        <Nm>Gemeente Teststad</Nm>\r\n"
      "      </Dbtr>\r\n"
      "      <DbtrAcct>\r\n"
      "        <Id>\r\n"
      "          <IBAN>NL91ABNA0417164300</IBAN>\r\n"
      "        </Id>\r\n"
      "      </DbtrAcct>\r\n"
      "      <DbtrAgt>\r\n"
      "        <FinInstnId>\r\n"
      "          <BIC>ABNANL2A</BIC>\r\n"
      "        </FinInstnId>\r\n"
      "      </DbtrAgt>\r\n"
      "      <ChrgBr>SLEV</ChrgBr>\r\n"
      "      <CdtTrfTxInf>\r\n"
      "        <PmtId>\r\n"
      "          <EndToEndId>B1-12345678</EndToEndId>\r\n"
      "        </PmtId>\r\n"
      "        <Amt>\r\n"
      "          <InstdAmt Ccy=\"EUR\">1234.56</InstdAmt>\r\n"
      "        </Amt>\r\n"
      "        <Cdtr>\r\n"
      "          <Nm>Zorg + Welzijn B.V.</Nm>\r\n"
      "        </Cdtr>\r\n"
      "        <CdtrAcct>\r\n"
      "          <Id>\r\n"
      "            <IBAN>NL02ABNA0123456789</IBAN>\r\n"
      "          </Id>\r\n"
      "        </CdtrAcct>\r\n"
      "        <RmtInf>\r\n"
      "          <Ustrd>Declaraties 0363 D202611001</Ustrd>\r\n"
      "        </RmtInf>\r\n"
      "      </CdtTrfTxInf>\r\n"
      "    </PmtInf>\r\n"
      "  </CstmrCdtTrfInitn>\r\n"
      "</Document>\r\n";
  EXPECT_EQ(*xml, expected);
  EXPECT_EQ(XsdErrors(*xml), "");
}

TEST(Pain001Test, SeveralTransfersValidateAgainstTheXsd) {
  const auto xml = EncodePain001(ThreeTransfers());
  ASSERT_TRUE(xml.ok()) << xml.error().ToString();
  EXPECT_EQ(XsdErrors(*xml), "");
  // 1234.56 + 0.01 + 999999999.99
  EXPECT_NE(xml->find("<CtrlSum>1000001234.56</CtrlSum>"), std::string::npos);
  EXPECT_NE(xml->find("<NbOfTxs>3</NbOfTxs>"), std::string::npos);
  // No debtor BIC: NOTPROVIDED; creditor BIC only where given.
  EXPECT_NE(xml->find("<Id>NOTPROVIDED</Id>"), std::string::npos);
  EXPECT_NE(xml->find("<BIC>INGBNL2A</BIC>"), std::string::npos);
  EXPECT_EQ(xml->find("<CdtrAgt>"), xml->rfind("<CdtrAgt>"));
  // Normalised IBAN, transliterated names, no RmtInf for an empty remittance.
  EXPECT_NE(xml->find("<IBAN>NL20INGB0001234567</IBAN>"), std::string::npos);
  EXPECT_NE(xml->find("<Nm>Thuiszorg AEro Strasse</Nm>"), std::string::npos);
  EXPECT_NE(xml->find("<Nm>Jeugdhulp Noord</Nm>"), std::string::npos);
  size_t rmt = 0;
  for (size_t p = xml->find("<RmtInf>"); p != std::string::npos; p = xml->find("<RmtInf>", p + 1)) {
    ++rmt;
  }
  EXPECT_EQ(rmt, 2u);
}

TEST(Pain001Test, LongTextsAreCutToTheSepaLengths) {
  SepaPaymentFile f = OneTransfer();
  f.transfers[0].creditor_name = std::string(100, 'N');
  std::string remittance = "Declaraties";
  for (int n = 0; n < 40; ++n) remittance += " D2026110" + std::to_string(10 + n);
  f.transfers[0].remittance = remittance;
  const auto xml = EncodePain001(f);
  ASSERT_TRUE(xml.ok()) << xml.error().ToString();
  EXPECT_EQ(XsdErrors(*xml), "");
  EXPECT_NE(xml->find("<Nm>" + std::string(70, 'N') + "</Nm>"), std::string::npos);
  EXPECT_NE(xml->find("<Ustrd>" + remittance.substr(0, 140) + "</Ustrd>"), std::string::npos)
      << *xml;
}

TEST(Pain001Test, SepaTextTransliteratesAndReplaces) {
  EXPECT_EQ(SepaText("Zorg & Welzijn Café", 70), "Zorg + Welzijn Cafe");
  EXPECT_EQ(SepaText("Łódź Żółć Ĳsselmonde Œuvre", 70), "Lodz Zolc IJsselmonde OEuvre");
  EXPECT_EQ(SepaText("Straße Ærø ÿ", 70), "Strasse AEro y");
  EXPECT_EQ(SepaText("“Quotes” — dash_under;semi! 5 €", 70), "'Quotes' - dash-under,semi. 5 EUR");
  EXPECT_EQ(SepaText("  a \t\r\n  b  ", 70), "a b");
  EXPECT_EQ(SepaText("x@y#z*%=|~^$", 70), "x y z");
  EXPECT_EQ(SepaText("中文", 70), "");
  // Invalid UTF-8 (a lone continuation byte, a truncated sequence, an overlong '/', a
  // surrogate) becomes spaces, never a crash.
  EXPECT_EQ(SepaText("a\x80z\xc3", 70), "a z");
  EXPECT_EQ(SepaText("a\xc0\xafz\xed\xa0\x80q", 70), "a z q");
  EXPECT_EQ(SepaText("abcdef  ", 3), "abc");
  EXPECT_EQ(SepaText("ab cdef", 3), "ab");
}

TEST(Pain001Test, IbanBicAndIdentifierChecks) {
  EXPECT_TRUE(IsValidIban("NL91ABNA0417164300"));
  EXPECT_TRUE(IsValidIban("DE89370400440532013000"));
  EXPECT_TRUE(IsValidIban("BE68539007547034"));
  EXPECT_TRUE(IsValidIban("FR1420041010050500013M02606"));
  EXPECT_FALSE(IsValidIban("NL91ABNA0417164301"));      // check digits
  EXPECT_FALSE(IsValidIban("NL91ABNA041716430"));       // length for NL
  EXPECT_FALSE(IsValidIban("nl91abna0417164300"));      // not normalised
  EXPECT_FALSE(IsValidIban("US64SVBKUS6S3300958879"));  // not a SEPA country
  EXPECT_FALSE(IsValidIban(""));
  EXPECT_EQ(NormalizeIban(" nl91 abna 0417 1643 00 "), "NL91ABNA0417164300");
  EXPECT_TRUE(IsValidBic("ABNANL2A"));
  EXPECT_TRUE(IsValidBic("INGBNL2AXXX"));
  EXPECT_FALSE(IsValidBic("ABNANL2"));
  EXPECT_FALSE(IsValidBic("ABNANL1A"));  // location code starting with 1
  EXPECT_FALSE(IsValidBic("abnanl2a"));
  EXPECT_TRUE(IsSepaIdentifier("SLUIS-0363-20261123-1"));
  EXPECT_FALSE(IsSepaIdentifier(""));
  EXPECT_FALSE(IsSepaIdentifier(std::string(36, 'A')));
  EXPECT_FALSE(IsSepaIdentifier("/A"));
  EXPECT_FALSE(IsSepaIdentifier("A/"));
  EXPECT_FALSE(IsSepaIdentifier("A//B"));
  EXPECT_FALSE(IsSepaIdentifier("A_B"));
}

// Each broken input is refused with the element that is wrong.
TEST(Pain001Test, RefusesWhatABankWouldRefuse) {
  struct Case {
    const char* name;
    void (*breaks)(SepaPaymentFile&);
    const char* location;
  };
  const Case cases[] = {
      {"no transfers", [](SepaPaymentFile& f) { f.transfers.clear(); }, "PmtInf"},
      {"zero amount", [](SepaPaymentFile& f) { f.transfers[0].amount = Cents(0); },
       "CdtTrfTxInf[1]/Amt/InstdAmt"},
      {"negative amount", [](SepaPaymentFile& f) { f.transfers[0].amount = Cents(-5); },
       "CdtTrfTxInf[1]/Amt/InstdAmt"},
      {"too large", [](SepaPaymentFile& f) { f.transfers[0].amount = Cents(100'000'000'000); },
       "CdtTrfTxInf[1]/Amt/InstdAmt"},
      {"bad creditor IBAN",
       [](SepaPaymentFile& f) { f.transfers[0].creditor_iban = "NL02ABNA0123456788"; },
       "CdtTrfTxInf[1]/CdtrAcct/Id/IBAN"},
      {"empty creditor IBAN", [](SepaPaymentFile& f) { f.transfers[0].creditor_iban = ""; },
       "CdtTrfTxInf[1]/CdtrAcct/Id/IBAN"},
      {"bad debtor IBAN", [](SepaPaymentFile& f) { f.debtor_iban = "NL00ABNA0000000000"; },
       "PmtInf/DbtrAcct/Id/IBAN"},
      {"bad debtor BIC", [](SepaPaymentFile& f) { f.debtor_bic = "ABN"; },
       "PmtInf/DbtrAgt/FinInstnId/BIC"},
      {"bad creditor BIC", [](SepaPaymentFile& f) { f.transfers[0].creditor_bic = "x"; },
       "CdtTrfTxInf[1]/CdtrAgt/FinInstnId/BIC"},
      {"bad MsgId", [](SepaPaymentFile& f) { f.message_id = "a//b"; }, "GrpHdr/MsgId"},
      {"long PmtInfId", [](SepaPaymentFile& f) { f.payment_info_id = std::string(36, 'P'); },
       "PmtInf/PmtInfId"},
      {"bad EndToEndId", [](SepaPaymentFile& f) { f.transfers[0].end_to_end_id = "é"; },
       "CdtTrfTxInf[1]/PmtId"},
      {"unusable creditor name", [](SepaPaymentFile& f) { f.transfers[0].creditor_name = "中"; },
       "CdtTrfTxInf[1]/Cdtr/Nm"},
      {"empty debtor name", [](SepaPaymentFile& f) { f.debtor_name = " "; }, "PmtInf/Dbtr/Nm"},
  };
  for (const Case& c : cases) {
    SepaPaymentFile f = OneTransfer();
    c.breaks(f);
    const auto xml = EncodePain001(f);
    ASSERT_FALSE(xml.ok()) << c.name;
    EXPECT_EQ(xml.error().code, "SEPA") << c.name;
    EXPECT_EQ(xml.error().kind, ErrorKind::kRule) << c.name;
    EXPECT_EQ(xml.error().location, c.location) << c.name << ": " << xml.error().ToString();
  }
}

// The XSD check in these tests (and before every export) does catch a broken file.
TEST(Pain001Test, TheXsdRejectsATamperedFile) {
  const std::string good = *EncodePain001(OneTransfer());
  ASSERT_EQ(XsdErrors(good), "");
  auto tamper = [&](const std::string& from, const std::string& to) {
    std::string xml = good;
    const size_t p = xml.find(from);
    EXPECT_NE(p, std::string::npos) << from;
    if (p != std::string::npos) xml.replace(p, from.size(), to);
    return xml;
  };
  EXPECT_NE(XsdErrors(tamper("<NbOfTxs>1</NbOfTxs>", "")), "");
  EXPECT_NE(XsdErrors(tamper("1234.56</InstdAmt>", "1234.567891</InstdAmt>")), "");
  EXPECT_NE(XsdErrors(tamper("<IBAN>NL02", "<IBAN>nl02")), "");
  EXPECT_NE(XsdErrors(tamper("<PmtMtd>TRF", "<PmtMtd>XXX")), "");
  EXPECT_NE(XsdErrors(tamper("SLUIS-0363-20261123-1</MsgId>", std::string(36, 'M') + "</MsgId>")),
            "");
}

// Hostile names and remittances: whatever the bytes, the result is valid or refused.
TEST(Pain001Test, RandomTextNeverBreaksTheFile) {
  std::mt19937 rng(20261123);
  for (int round = 0; round < 200; ++round) {
    SepaPaymentFile f = OneTransfer();
    std::string junk;
    const int n = static_cast<int>(rng() % 300);
    for (int k = 0; k < n; ++k) junk += static_cast<char>(rng() % 256);
    f.transfers[0].creditor_name = "A" + junk;
    f.transfers[0].remittance = junk;
    f.debtor_name = junk + "Z";
    const auto xml = EncodePain001(f);
    ASSERT_TRUE(xml.ok()) << xml.error().ToString();
    ASSERT_EQ(XsdErrors(*xml), "") << *xml;
  }
}

TEST(Pain001Test, ManyTransfersValidate) {
  SepaPaymentFile f = OneTransfer();
  f.transfers.clear();
  int64_t total = 0;
  for (int n = 0; n < 500; ++n) {
    f.transfers.push_back({"B9-" + std::to_string(10'000'000 + n), Cents(100 + n), "Aanbieder",
                           "NL02ABNA0123456789", std::nullopt, "D" + std::to_string(n)});
    total += 100 + n;
  }
  const auto xml = EncodePain001(f);
  ASSERT_TRUE(xml.ok());
  EXPECT_EQ(XsdErrors(*xml), "");
  EXPECT_NE(xml->find("<CtrlSum>" + Cents(total).ToDecimalString() + "</CtrlSum>"),
            std::string::npos);
  EXPECT_NE(xml->find("<NbOfTxs>500</NbOfTxs>"), std::string::npos);
}

}  // namespace
}  // namespace sluis::codecs
