#include "sluis/codecs/payload.h"

#include <filesystem>

#include <gtest/gtest.h>

#include "test_env.h"

namespace sluis::codecs {
namespace {

namespace fs = std::filesystem;
using testing::ReadFile;
using testing::SharedDir;

std::vector<std::string> ExampleFiles() {
  std::vector<std::string> out;
  for (const char* dir : {"/istandaarden/iwmo-3.2", "/istandaarden/ijw-3.2"}) {
    for (const auto& e : fs::directory_iterator(SharedDir() + dir)) {
      if (e.path().extension() == ".xml") out.push_back(e.path().string());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

bool KnownInvalid(const std::string& path) {
  return path.ends_with("/JW315.xml") || path.ends_with("/JW318.xml");
}

TEST(PayloadTest, EveryValidExampleRoundTrips) {
  const auto files = ExampleFiles();
  ASSERT_EQ(files.size(), 28u);
  for (const std::string& path : files) {
    if (KnownInvalid(path)) continue;
    SCOPED_TRACE(path);
    const auto parsed = ParseBericht(ReadFile(path));
    ASSERT_TRUE(parsed) << parsed.error().ToString();
    const std::string encoded = EncodeBericht(*parsed);
    EXPECT_EQ(encoded.find("\n"), encoded.find("\r\n") + 1) << "CRLF line ends";
    EXPECT_NE(encoded.substr(0, 3), "\xEF\xBB\xBF") << "no BOM";
    const auto again = ParseBericht(encoded);
    ASSERT_TRUE(again) << again.error().ToString() << "\n" << encoded;
    EXPECT_TRUE(*again == *parsed);
    EXPECT_EQ(EncodeBericht(*again), encoded);
  }
}

TEST(PayloadTest, KnownInvalidExamplesFailToParse) {
  const auto jw315 = ParseBericht(ReadFile(SharedDir() + "/istandaarden/ijw-3.2/JW315.xml"));
  ASSERT_FALSE(jw315);
  EXPECT_NE(jw315.error().message.find("2027-06-31"), std::string::npos)
      << jw315.error().ToString();
  const auto jw318 = ParseBericht(ReadFile(SharedDir() + "/istandaarden/ijw-3.2/JW318.xml"));
  ASSERT_FALSE(jw318);
  EXPECT_EQ(jw318.error().code, "XSD");
}

}  // namespace
}  // namespace sluis::codecs

#include "sluis/codecs/xsd.h"

namespace sluis::codecs {
namespace {

std::shared_ptr<const SchemaSet> Schemas() {
  static auto s = [] {
    auto r = SchemaSet::Load(SharedDir());
    EXPECT_TRUE(r) << r.error().ToString();
    return *r;
  }();
  return s;
}

TEST(XsdTest, ExamplesValidateExceptTheTwoKnownBadOnes) {
  for (const std::string& path : ExampleFiles()) {
    SCOPED_TRACE(path);
    const std::string text = ReadFile(path);
    const std::string stem = fs::path(path).stem().string();
    const auto kind = FromFunctie(stem);
    ASSERT_TRUE(kind);
    const auto errors = Schemas()->ValidatePayload(kind->first, kind->second, text);
    if (KnownInvalid(path)) {
      ASSERT_FALSE(errors.empty());
      EXPECT_EQ(errors[0].code, "XSD");
      EXPECT_EQ(errors[0].kind, ErrorKind::kSchema);
      EXPECT_NE(errors[0].location, "");
    } else {
      EXPECT_TRUE(errors.empty()) << errors[0].ToString();
    }
  }
}

TEST(XsdTest, KnownBadExamplesFailForTheirDocumentedReasons) {
  const auto jw315 = Schemas()->ValidatePayload(
      Domein::kJeugd, BerichtType::k315, ReadFile(SharedDir() + "/istandaarden/ijw-3.2/JW315.xml"));
  ASSERT_FALSE(jw315.empty());
  EXPECT_NE(jw315[0].message.find("2027-06-31"), std::string::npos) << jw315[0].ToString();
  const auto jw318 = Schemas()->ValidatePayload(
      Domein::kJeugd, BerichtType::k318, ReadFile(SharedDir() + "/istandaarden/ijw-3.2/JW318.xml"));
  ASSERT_FALSE(jw318.empty());
  EXPECT_NE(jw318[0].message.find("RetourCode"), std::string::npos) << jw318[0].ToString();
}

TEST(XsdTest, EveryReEncodedExampleValidates) {
  for (const std::string& path : ExampleFiles()) {
    if (KnownInvalid(path)) continue;
    SCOPED_TRACE(path);
    const auto parsed = ParseBericht(ReadFile(path));
    ASSERT_TRUE(parsed);
    const auto errors =
        Schemas()->ValidatePayload(DomeinOf(*parsed), TypeOf(*parsed), EncodeBericht(*parsed));
    EXPECT_TRUE(errors.empty()) << errors[0].ToString();
  }
}

TEST(XsdTest, WrongNamespaceForABasisschemaChildIsRefused) {
  std::string text = ReadFile(SharedDir() + "/istandaarden/iwmo-3.2/WMO323.xml");
  // Put Identificatie in the message namespace instead of the basisschema namespace.
  const size_t at = text.find("<iwmo:Identificatie>");
  ASSERT_NE(at, std::string::npos);
  text.replace(at, 20, "<wmo323:Identificatie>");
  const size_t end = text.find("</iwmo:Identificatie>", at);
  text.replace(end, 21, "</wmo323:Identificatie>");
  EXPECT_FALSE(Schemas()->ValidatePayload(Domein::kWmo, BerichtType::k323, text).empty());
  const auto parsed = ParseBericht(text);
  ASSERT_FALSE(parsed);
  EXPECT_EQ(parsed.error().location, "/Bericht/Header/BerichtIdentificatie/Identificatie");
}

TEST(XsdTest, AppinfoVersions) {
  EXPECT_EQ(Schemas()->BerichtXsdVersie(Domein::kWmo, BerichtType::k325), "1.0.0");
  EXPECT_EQ(Schemas()->BasisschemaXsdVersie(Domein::kWmo), "1.0.0");
  EXPECT_EQ(Schemas()->BerichtXsdVersie(Domein::kJeugd, BerichtType::k325), "0.1.0");
}

TEST(XsdTest, OtherSchemasLoad) {
  const std::string di01 = ReadFile(SharedDir() +
                                    "/istandaarden/stuf-ggk0210-patch04-v3/voorbeeldberichten/"
                                    "envelopHeenbericht-ggk_Di01_v21-xml.xml");
  EXPECT_TRUE(Schemas()->Validate(SchemaKind::kStufGgk, di01).empty());
  const std::string cpa = ReadFile(SharedDir() + "/ebms/cpa/cpa-cv-https.xml");
  EXPECT_TRUE(Schemas()->Validate(SchemaKind::kCpa, cpa).empty());
  const std::string soap = ReadFile(SharedDir() + "/ebms/soap/rendered/EbMSMessage.xml");
  EXPECT_TRUE(Schemas()->Validate(SchemaKind::kEbmsSoap, soap).empty());
  const std::string bad =
      ReadFile(SharedDir() + "/ebms/soap/rendered/EbMSMessageMissingReference.xml");
  EXPECT_FALSE(Schemas()->Validate(SchemaKind::kEbmsSoap, bad).empty());
  const auto broken = Schemas()->Validate(SchemaKind::kCpa, "<a");
  ASSERT_FALSE(broken.empty());
  EXPECT_EQ(broken[0].location, "line 1");
}

}  // namespace
}  // namespace sluis::codecs

#include "sluis/codecs/limits.h"

namespace sluis::codecs {
namespace {

TEST(PayloadHostileTest, ClearErrorsNeverCrashes) {
  const std::string doc = ReadFile(SharedDir() + "/istandaarden/iwmo-3.2/WMO323.xml");
  // External entity through a DOCTYPE.
  std::string xxe = doc;
  xxe.insert(xxe.find("<wmo323:Bericht"),
             "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>\n");
  auto r = ParseBericht(xxe);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, ErrorKind::kForbidden);
  // Over 25 MB.
  std::string big = doc;
  big.insert(big.find("</wmo323:Bericht>"), std::string(kMaxMessageBytes, ' '));
  r = ParseBericht(big);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, ErrorKind::kLimit);
  // Nesting deeper than 256 inside a value.
  std::string deep = doc;
  std::string nest;
  for (int i = 0; i < 300; ++i) nest += "<x>";
  for (int i = 0; i < 300; ++i) nest += "</x>";
  deep.insert(deep.find("</wmo323:Bericht>"), nest);
  r = ParseBericht(deep);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message, "unexpected element x (not allowed here, or out of order)");
  EXPECT_EQ(r.error().location, "/Bericht/x");
  // Invalid UTF-8, and a truncated document.
  std::string bad = doc;
  bad[bad.find("Bsn>") + 4] = '\xc3';
  EXPECT_EQ(ParseBericht(bad).error().code, "XML");
  EXPECT_EQ(ParseBericht(doc.substr(0, doc.size() / 2)).error().kind, ErrorKind::kMalformed);
  // An element of the standard in the wrong place.
  std::string swapped = doc;
  const size_t a = swapped.find("<wmo323:BerichtVersie>");
  swapped.erase(a, swapped.find("</wmo323:BerichtVersie>") + 23 - a);
  r = ParseBericht(swapped);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().location, "/Bericht/Header/BerichtVersie");
}

}  // namespace
}  // namespace sluis::codecs
