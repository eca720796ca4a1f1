#include "sluis/codecs/mime.h"

#include <string>

#include <gtest/gtest.h>

#include "sluis/codecs/limits.h"

#include "test_env.h"

namespace sluis::codecs::mime {
namespace {

// The reconstructed request of docs/ebms2-digikoppeling §2.2, split into headers and body.
struct HttpRequest {
  std::string content_type;
  std::string content_length;
  std::string body;
};

HttpRequest ReadReconstructed() {
  const std::string raw = sluis::testing::ReadFile(
      sluis::testing::SharedDir() + "/ebms/mime/EbMSMessage.multipart.reconstructed.http");
  HttpRequest r;
  const size_t end = raw.find("\r\n\r\n");
  EXPECT_NE(end, std::string::npos);
  r.body = raw.substr(end + 4);
  size_t i = raw.find("\r\n") + 2;  // after the request line
  while (i < end) {
    const size_t eol = raw.find("\r\n", i);
    const std::string line = raw.substr(i, eol - i);
    const size_t colon = line.find(':');
    const std::string name = line.substr(0, colon);
    const std::string value = line.substr(colon + 2);
    if (name == "Content-Type") r.content_type = value;
    if (name == "Content-Length") r.content_length = value;
    i = eol + 2;
  }
  return r;
}

constexpr char kRootCid[] = "0f6a3c2e-8d4b-4c41-9a55-2b7e1d9c0a11@localhost";
constexpr char kPayloadCid[] = "5b1f0e7a-3c2d-4e8f-a1b2-c3d4e5f60718@localhost";
constexpr char kBoundary[] = "-=0d3f1c2a-7b6e-4d5c-9a8b-1e2f3a4b5c6d=-";

TEST(MimeTest, ParsesTheReconstructedRequest) {
  const HttpRequest req = ReadReconstructed();
  EXPECT_EQ(std::to_string(req.body.size()), req.content_length);
  Result<Message> m = ParseBody(req.content_type, req.body);
  ASSERT_TRUE(m.ok()) << m.error().ToString();
  EXPECT_TRUE(m->multipart);
  ASSERT_EQ(m->parts.size(), 2u);
  EXPECT_EQ(m->root, 0u);
  const Part& root = m->Root();
  EXPECT_EQ(root.content_type, "text/xml; charset=UTF-8");
  EXPECT_EQ(root.content_id, kRootCid);
  EXPECT_EQ(root.content_transfer_encoding, "");
  EXPECT_TRUE(root.headers.empty());
  EXPECT_TRUE(
      root.body.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n<soap:Envelope"));
  EXPECT_TRUE(root.body.ends_with("</soap:Envelope>"));
  const Part& payload = m->parts[1];
  EXPECT_EQ(payload.content_id, kPayloadCid);
  EXPECT_TRUE(payload.body.starts_with("<?xml"));
  EXPECT_TRUE(payload.body.ends_with("</GGK:envelopHeenbericht-ggk_Di01>"));
  EXPECT_NE(payload.body.find("SGllciBzdGFhdCBlZW4gaVdtby9pSnctaGVlbmJlcmljaHQu"),
            std::string::npos);

  Result<ContentType> ct = ParseContentType(req.content_type);
  ASSERT_TRUE(ct.ok());
  EXPECT_EQ(ct->MediaType(), "multipart/related");
  EXPECT_EQ(ct->Parameter("boundary"), kBoundary);
  EXPECT_EQ(ct->Parameter("START"), std::string("<") + kRootCid + ">");
  EXPECT_EQ(ct->Parameter("start-info"), "text/xml");
  EXPECT_EQ(ct->Parameter("charset"), std::nullopt);
}

TEST(MimeTest, ReencodingTheReconstructedRequestIsByteIdentical) {
  const HttpRequest req = ReadReconstructed();
  Result<Message> m = ParseBody(req.content_type, req.body);
  ASSERT_TRUE(m.ok());
  Result<Encoded> e = EncodeMultipartRelated(m->parts, kBoundary);
  ASSERT_TRUE(e.ok()) << e.error().ToString();
  EXPECT_EQ(e->body, req.body);
  EXPECT_EQ(e->content_type, req.content_type);
}

TEST(MimeTest, FramingIsByteExact) {
  // EC MultipartBodyPublisherTest.java:100-102.
  Result<Encoded> e = EncodeMultipartRelated(
      {Part{"text/xml; charset=UTF-8", "contentId", "", {}, "<content/>"}}, "boundary");
  ASSERT_TRUE(e.ok()) << e.error().ToString();
  EXPECT_EQ(e->body,
            "--boundary\r\nContent-Type: text/xml; charset=UTF-8\r\nContent-ID: "
            "<contentId>\r\n\r\n<content/>\r\n--boundary--\r\n");
  EXPECT_EQ(e->content_type,
            "multipart/related; boundary=\"boundary\"; type=\"text/xml\"; "
            "start=\"<contentId>\"; start-info=\"text/xml\"");
  EXPECT_EQ(MakeBoundary("0d3f"), "-=0d3f=-");
}

TEST(MimeTest, RoundTripWithHeadersAndBase64) {
  std::string binary;
  for (int i = 0; i < 300; ++i) binary += static_cast<char>(i % 256);
  const std::vector<Part> parts = {
      Part{"text/xml; charset=UTF-8", "root@host", "", {}, "<soap:Envelope/>"},
      Part{"application/xml",
           "payload@host",
           "",
           {Header{"Content-Disposition", "attachment; filename=\"bericht.xml\""}},
           "<a>é</a>"},
      Part{"application/octet-stream", "bin@host", "base64", {}, binary},
  };
  Result<Encoded> e = EncodeMultipartRelated(parts, "-=b=-");
  ASSERT_TRUE(e.ok()) << e.error().ToString();
  EXPECT_NE(e->body.find("Content-Transfer-Encoding: base64\r\n"), std::string::npos);
  Result<Message> m = ParseBody(e->content_type, e->body);
  ASSERT_TRUE(m.ok()) << m.error().ToString();
  EXPECT_EQ(m->parts, parts);
  EXPECT_EQ(m->root, 0u);
}

TEST(MimeTest, StartSelectsTheRootWithFallbackToTheFirstPart) {
  const std::string body =
      "--b\r\nContent-Type: application/xml\r\nContent-ID: <p>\r\n\r\n<p/>\r\n"
      "--b\r\nContent-Type: text/xml\r\nContent-ID: <r>\r\n\r\n<r/>\r\n--b--\r\n";
  Result<Message> m = ParseBody("multipart/related; boundary=b; start=\"<r>\"", body);
  ASSERT_TRUE(m.ok()) << m.error().ToString();
  EXPECT_EQ(m->root, 1u);
  EXPECT_EQ(m->Root().body, "<r/>");
  Result<Message> unknown = ParseBody("multipart/related; boundary=b; start=\"<x>\"", body);
  ASSERT_TRUE(unknown.ok());
  EXPECT_EQ(unknown->root, 0u);
  Result<Message> none = ParseBody("Multipart/Related; Boundary=\"b\"", body);
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(none->root, 0u);
}

TEST(MimeTest, LenientFraming) {
  // Preamble, transport padding, bare LF line ends, an odd boundary, an epilogue.
  const std::string boundary = "'()+_,-./:=? x";
  const std::string body = "preamble\n--" + boundary + "  \t\nContent-ID: a\n\nA\n--" + boundary +
                           "\r\nContent-ID:<b>\r\n\r\nB\r\nB\r\n--" + boundary + "-- \r\nepilogue";
  Result<Message> m = ParseBody("multipart/related; boundary=\"" + boundary + "\"", body);
  ASSERT_TRUE(m.ok()) << m.error().ToString();
  ASSERT_EQ(m->parts.size(), 2u);
  EXPECT_EQ(m->parts[0].content_id, "a");
  EXPECT_EQ(m->parts[0].body, "A");
  EXPECT_EQ(m->parts[1].content_id, "b");
  EXPECT_EQ(m->parts[1].body, "B\r\nB");
  // "--bb" is not the delimiter "--b".
  Result<Message> longer =
      ParseBody("multipart/related; boundary=b", "--b\r\n\r\nx\r\n--bb\r\ny\r\n--b--\r\n");
  ASSERT_TRUE(longer.ok()) << longer.error().ToString();
  ASSERT_EQ(longer->parts.size(), 1u);
  EXPECT_EQ(longer->parts[0].body, "x\r\n--bb\r\ny");
}

TEST(MimeTest, FoldedHeadersAndTransferEncodings) {
  const std::string body =
      "--b\r\nContent-Type: text/xml;\r\n charset=UTF-8\r\n \r\nContent-ID: <r>\r\n"
      "Content-Transfer-Encoding: BASE64\r\n\r\nPHIv\r\nPg==\r\n"
      "--b\r\nContent-ID: <8>\r\nContent-Transfer-Encoding: 8bit\r\n\r\nx\r\n"
      "--b\r\nContent-ID: <bin>\r\nContent-Transfer-Encoding: binary\r\n\r\n\x01\x02\r\n--b--";
  Result<Message> m = ParseBody("multipart/related; boundary=b", body);
  ASSERT_TRUE(m.ok()) << m.error().ToString();
  ASSERT_EQ(m->parts.size(), 3u);
  EXPECT_EQ(m->parts[0].content_type, "text/xml; charset=UTF-8");
  EXPECT_EQ(m->parts[0].content_transfer_encoding, "base64");
  EXPECT_EQ(m->parts[0].body, "<r/>");
  EXPECT_EQ(m->parts[1].body, "x");
  EXPECT_EQ(m->parts[2].body, "\x01\x02");
}

TEST(MimeTest, SingleXmlBody) {
  Result<Message> m = ParseBody("text/xml; charset=UTF-8", "<soap:Envelope/>");
  ASSERT_TRUE(m.ok());
  EXPECT_FALSE(m->multipart);
  ASSERT_EQ(m->parts.size(), 1u);
  EXPECT_EQ(m->Root().content_type, "text/xml; charset=UTF-8");
  EXPECT_EQ(m->Root().body, "<soap:Envelope/>");
}

void ExpectError(const Result<Message>& m, ErrorKind kind, std::string_view message_part) {
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.error().kind, kind) << m.error().ToString();
  EXPECT_NE(m.error().message.find(message_part), std::string::npos) << m.error().ToString();
}

TEST(MimeTest, HostileInputIsAnError) {
  const std::string ok = "--b\r\nContent-ID: <a>\r\n\r\nA\r\n--b--\r\n";
  const std::string related = "multipart/related; boundary=b";
  ExpectError(ParseBody("multipart/related; type=\"text/xml\"", ok), ErrorKind::kMalformed,
              "without a boundary parameter");
  ExpectError(ParseBody("multipart/related; boundary=\"\"", ok), ErrorKind::kMalformed,
              "without a boundary parameter");
  ExpectError(ParseBody("multipart/related; boundary=\"b", ok), ErrorKind::kMalformed,
              "unterminated quoted string");
  ExpectError(ParseBody("multipart/related; boundary=" + std::string(71, 'x'), ok),
              ErrorKind::kMalformed, "longer than 70");
  ExpectError(ParseBody("", ok), ErrorKind::kMalformed, "no type/subtype");
  ExpectError(ParseBody("garbage", ok), ErrorKind::kMalformed, "no type/subtype");
  ExpectError(ParseBody("multipart/mixed; boundary=b", ok), ErrorKind::kUnsupported,
              "multipart/mixed");
  ExpectError(ParseBody(related, "no delimiter at all"), ErrorKind::kMalformed,
              "no opening boundary");
  ExpectError(ParseBody(related, "--b--\r\n"), ErrorKind::kMalformed, "no opening boundary");
  ExpectError(ParseBody(related, "--b\r\nContent-ID: <a>\r\n\r\nA\r\n"), ErrorKind::kMalformed,
              "no closing boundary");
  ExpectError(ParseBody(related, "--b\r\nContent-ID: <a>\r\n\r\nA\r\n--b\r\n"),
              ErrorKind::kMalformed, "no closing boundary");
  ExpectError(ParseBody(related, "--b\r\nno colon here\r\n\r\nA\r\n--b--"), ErrorKind::kMalformed,
              "without a name and colon");
  ExpectError(ParseBody(related, "--b\r\nContent-ID: <a>\r\n--b--"), ErrorKind::kMalformed,
              "not ended by an empty line");
  ExpectError(
      ParseBody(related, "--b\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nA=3D\r\n--b--"),
      ErrorKind::kUnsupported, "quoted-printable");
  ExpectError(ParseBody(related, "--b\r\nContent-Transfer-Encoding: base64\r\n\r\n!!!!\r\n--b--"),
              ErrorKind::kMalformed, "bad base64");
  std::string many;
  for (size_t i = 0; i <= kMaxParts; ++i) many += "--b\r\n\r\nx\r\n";
  many += "--b--\r\n";
  ExpectError(ParseBody(related, many), ErrorKind::kLimit, "more than 64 MIME parts");
  std::string big = "--b\r\n";  // 9 headers of 2 kB: over the size cap, under the count cap
  for (int i = 0; i < 9; ++i) big += "X-Padding: " + std::string(2000, 'p') + "\r\n";
  ExpectError(ParseBody(related, big + "\r\nA\r\n--b--"), ErrorKind::kLimit, "headers larger");
  std::string count = "--b\r\n";
  for (int i = 0; i < 65; ++i) count += "X: y\r\n";
  ExpectError(ParseBody(related, count + "\r\nA\r\n--b--"), ErrorKind::kLimit,
              "too many part headers");
  ExpectError(ParseBody("text/xml", std::string(kMaxEbmsBytes + 1, 'x')), ErrorKind::kLimit,
              "exceeds the limit");
}

TEST(MimeTest, EveryTruncationOfTheSampleIsAnError) {
  const HttpRequest req = ReadReconstructed();
  // The body ends with "--boundary--" CRLF: without that CRLF it is still complete.
  for (size_t n = 0; n + 2 < req.body.size(); ++n) {
    Result<Message> m = ParseBody(req.content_type, std::string_view(req.body).substr(0, n));
    ASSERT_FALSE(m.ok()) << "prefix of " << n << " bytes";
    EXPECT_EQ(m.error().kind, ErrorKind::kMalformed) << n;
  }
  EXPECT_TRUE(ParseBody(req.content_type, req.body.substr(0, req.body.size() - 2)).ok());
}

TEST(MimeTest, EncodeRefusesWhatItCannotFrame) {
  const Part root{"text/xml", "r", "", {}, "<r/>"};
  const auto error = [](const Result<Encoded>& e) {
    return e.ok() ? ErrorKind::kIo : e.error().kind;  // kIo never comes from the encoder
  };
  EXPECT_EQ(error(EncodeMultipartRelated({}, "b")), ErrorKind::kRule);
  EXPECT_EQ(error(EncodeMultipartRelated({root}, "")), ErrorKind::kRule);
  EXPECT_EQ(error(EncodeMultipartRelated({root}, "b\"")), ErrorKind::kRule);
  EXPECT_EQ(error(EncodeMultipartRelated({root}, std::string(71, 'b'))), ErrorKind::kRule);
  EXPECT_EQ(error(EncodeMultipartRelated({Part{"text/xml", "", "", {}, "x"}}, "b")),
            ErrorKind::kRule);
  EXPECT_EQ(error(EncodeMultipartRelated({Part{"text/xml", "r", "", {}, "a\r\n--b\r\n"}}, "b")),
            ErrorKind::kRule);
  EXPECT_EQ(error(EncodeMultipartRelated({Part{"text/xml\r\nX: y", "r", "", {}, "x"}}, "b")),
            ErrorKind::kRule);
  EXPECT_EQ(
      error(EncodeMultipartRelated({Part{"text/xml", "r", "", {Header{"X", "a\nb"}}, "x"}}, "b")),
      ErrorKind::kRule);
  EXPECT_TRUE(EncodeMultipartRelated({root}, "b").ok());
}

}  // namespace
}  // namespace sluis::codecs::mime
