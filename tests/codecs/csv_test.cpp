#include "sluis/codecs/csv.h"

#include <gtest/gtest.h>

namespace sluis::codecs::csv {
namespace {

using Fields = std::vector<std::string>;

Table MustParse(std::string_view text, const Limits& limits = {}) {
  Result<Table> r = Parse(text, limits);
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().ToString());
  return r.ok() ? std::move(r).value() : Table();
}

// "CODE line N: message" of a failed parse, "ok" when it parsed.
std::string ErrorOf(std::string_view text, const Limits& limits = {}) {
  Result<Table> r = Parse(text, limits);
  return r.ok() ? "ok" : r.error().ToString();
}

TEST(CsvTest, HeaderRecordsAndAccessByName) {
  const Table t = MustParse("agb,naam,iban\n42420001,Zorg B.V.,NL91ABNA0417164300\n");
  EXPECT_EQ(t.header(), (Fields{"agb", "naam", "iban"}));
  EXPECT_EQ(t.header_line(), 1);
  ASSERT_EQ(t.records().size(), 1u);
  const Record& r = t.records()[0];
  EXPECT_EQ(r.line, 2);
  EXPECT_EQ(t.Get(r, "naam"), "Zorg B.V.");
  EXPECT_EQ(t.Get(r, "iban"), "NL91ABNA0417164300");
  EXPECT_EQ(t.Get(r, "betaaltermijn_dagen"), "");  // no such column
  EXPECT_EQ(t.ColumnIndex("iban"), 2u);
  EXPECT_FALSE(t.HasColumn("IBAN"));
  EXPECT_EQ(t.FieldCountProblem(r), std::nullopt);
}

TEST(CsvTest, QuotedFieldsWithCommasQuotesAndLineBreaks) {
  const Table t = MustParse(
      "a,b,c\r\n"
      "\"x, y\",\"zeg \"\"hallo\"\"\",\"twee\r\nregels\"\r\n"
      "\"\",,\"\"\"\"\r\n");
  ASSERT_EQ(t.records().size(), 2u);
  EXPECT_EQ(t.records()[0].fields, (Fields{"x, y", "zeg \"hallo\"", "twee\nregels"}));
  EXPECT_EQ(t.records()[0].line, 2);
  // The record after a two-line field starts on physical line 4.
  EXPECT_EQ(t.records()[1].line, 4);
  EXPECT_EQ(t.records()[1].fields, (Fields{"", "", "\""}));
}

TEST(CsvTest, LineNumbersCountEmptyLinesAndMultiLineFields) {
  const Table t = MustParse("\n\nk,v\n1,a\n\n2,\"b\nc\nd\"\n3,e");
  EXPECT_EQ(t.header_line(), 3);
  ASSERT_EQ(t.records().size(), 3u);
  EXPECT_EQ(t.records()[0].line, 4);
  EXPECT_EQ(t.records()[1].line, 6);
  EXPECT_EQ(t.records()[2].line, 9);  // no final line end
  EXPECT_EQ(t.records()[2].fields, (Fields{"3", "e"}));
}

TEST(CsvTest, ByteOrderMarkAndHeaderSpacesAreIgnored) {
  const Table t = MustParse("\xEF\xBB\xBFgemeentecode , naam\n0363,Amsterdam\n");
  EXPECT_EQ(t.header(), (Fields{"gemeentecode", "naam"}));
  EXPECT_EQ(t.Get(t.records()[0], "gemeentecode"), "0363");
}

TEST(CsvTest, AFieldStartingWithAByteOrderMarkSurvivesWritingAndReading) {
  // csv_fuzz: " \xEF\xBB\xBFC" is a header name with a BOM inside (after the trimmed space);
  // written unquoted at the start of a file the reader would drop it as the encoding mark.
  const auto t = Parse(
      " \xEF\xBB\xBF"
      "C x`  ");
  ASSERT_TRUE(t.ok());
  ASSERT_EQ(t->header(), std::vector<std::string>{"\xEF\xBB\xBF"
                                                  "C x`"});
  const auto back = Parse(EncodeRecord(t->header()));
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->header(), t->header());
}

TEST(CsvTest, FieldCountDifferencesAreKeptForTheCaller) {
  const Table t = MustParse("a,b\n1\n1,2,3\n,\n");
  ASSERT_EQ(t.records().size(), 3u);
  EXPECT_EQ(t.FieldCountProblem(t.records()[0]), "1 field, the header has 2");
  EXPECT_EQ(t.FieldCountProblem(t.records()[1]), "3 fields, the header has 2");
  EXPECT_EQ(t.records()[2].fields, (Fields{"", ""}));
  EXPECT_EQ(t.Get(t.records()[0], "b"), "");
}

TEST(CsvTest, HeaderOnlyAndUtf8Values) {
  EXPECT_TRUE(MustParse("a,b\r\n").records().empty());
  const Table t = MustParse("plaats\n's-Hertogenbosch\nZoë\n");
  EXPECT_EQ(t.records()[1].fields[0], "Zoë");
}

TEST(CsvTest, MalformedInputNamesTheLine) {
  EXPECT_EQ(ErrorOf(""), "CSV line 1: no header line (the first line names the columns)");
  EXPECT_EQ(ErrorOf("\n\r\n"), "CSV line 1: no header line (the first line names the columns)");
  EXPECT_EQ(ErrorOf("a,b\n1,\"open\n2,3\n"),
            "CSV line 2: quoted field not closed before the end of the file");
  EXPECT_EQ(ErrorOf("a,b\n1,2\n\"x\"y,2\n"), "CSV line 3: text after the closing quote of a field");
  EXPECT_EQ(ErrorOf("a,b\n1,2 \"inch\"\n"),
            "CSV line 2: quote inside an unquoted field (enclose the field in quotes and double "
            "the quote)");
  EXPECT_EQ(ErrorOf("a,b\r1,2\r"), "CSV line 1: carriage return without line feed");
  EXPECT_EQ(ErrorOf("a,b\n\"1\r2\",3\n"), "CSV line 2: carriage return without line feed");
  EXPECT_EQ(ErrorOf("a,,b\n"), "CSV line 1: column 2 of the header has no name");
  EXPECT_EQ(ErrorOf("a,b,a\n"), "CSV line 1: column \"a\" appears twice in the header");
}

TEST(CsvTest, RefusesWhatIsNotUtf8Text) {
  EXPECT_EQ(ErrorOf("a\nZo\xEB\n"),
            "CSV line 2: invalid UTF-8 (byte 0xEB); save the file as CSV UTF-8");
  EXPECT_EQ(ErrorOf(std::string_view("a\nb\n\0\n", 6)), "CSV line 3: control character 0x00");
  EXPECT_EQ(ErrorOf("a\n\x7F\n"), "CSV line 2: control character 0x7F");
  EXPECT_EQ(ErrorOf("a\n\xC0\xAF\n"),
            "CSV line 2: invalid UTF-8 (byte 0xC0); save the file as CSV UTF-8");   // overlong '/'
  EXPECT_EQ(ErrorOf("a\n\xED\xA0\x80\n"), "CSV line 2: invalid UTF-8 code point");  // surrogate
  EXPECT_EQ(ErrorOf("a\n\xE2\x82"), "CSV line 2: truncated UTF-8 sequence at the end of the file");
  EXPECT_EQ(
      ErrorOf("a\n\xE2\x41"),
      "CSV line 2: invalid UTF-8 (byte 0xE2); save the file as CSV UTF-8");  // no continuation
  EXPECT_EQ(ErrorOf("a\tb\nc\td\n"), "ok");                                  // tab is text
}

TEST(CsvTest, LimitsAgainstHostileInput) {
  Limits small;
  small.max_bytes = 64;
  small.max_field_bytes = 4;
  small.max_record_bytes = 12;
  small.max_columns = 3;
  small.max_records = 2;
  EXPECT_EQ(ErrorOf(std::string(65, 'a'), small), "LIMIT: file larger than 64 bytes");
  EXPECT_EQ(ErrorOf("a\nabcde\n", small), "LIMIT line 2: field longer than 4 bytes");
  EXPECT_EQ(ErrorOf("a\n\"ab\ncde\"\n", small), "LIMIT line 2: field longer than 4 bytes");
  EXPECT_EQ(ErrorOf("a,b,c\nabcd,abcd,abcd\n", small), "LIMIT line 2: record longer than 12 bytes");
  EXPECT_EQ(ErrorOf("a,b,c,d\n", small), "LIMIT line 1: more than 3 fields");
  EXPECT_EQ(ErrorOf("a\n1\n2\n3\n", small), "LIMIT line 4: more than 2 records");
  EXPECT_EQ(ErrorOf("a\n1\n2\n", small), "ok");
  // Many columns of nothing: refused at the limit, not after allocating them all.
  EXPECT_EQ(ErrorOf("a\n" + std::string(100000, ',')), "LIMIT line 2: more than 256 fields");
}

TEST(CsvTest, EncodeQuotesOnlyWhatNeedsIt) {
  EXPECT_EQ(EncodeField("01A03"), "01A03");
  EXPECT_EQ(EncodeField("Zorg, en zo"), "\"Zorg, en zo\"");
  EXPECT_EQ(EncodeField("zeg \"hoi\""), "\"zeg \"\"hoi\"\"\"");
  EXPECT_EQ(EncodeField("twee\nregels"), "\"twee\nregels\"");
  EXPECT_EQ(EncodeField(" spatie"), "\" spatie\"");
  EXPECT_EQ(EncodeRecord({"a", "", "b,c"}), "a,,\"b,c\"\r\n");
  EXPECT_EQ(EncodeRecord({""}), "\"\"\r\n");
}

TEST(CsvTest, EncodeThenParseRoundTrips) {
  const std::vector<Fields> rows = {
      {"k", "v"}, {"1", "a,b"}, {"", "\"\"\n\n"}, {" x ", ""}, {"", ""}};
  std::string text;
  for (const Fields& f : rows) text += EncodeRecord(f);
  const Table t = MustParse(text);
  EXPECT_EQ(t.header(), rows[0]);
  ASSERT_EQ(t.records().size(), rows.size() - 1);
  for (size_t i = 1; i < rows.size(); ++i) EXPECT_EQ(t.records()[i - 1].fields, rows[i]);
  // A single empty field survives as a record (not an empty line).
  const Table one = MustParse("h\r\n" + EncodeRecord({""}));
  ASSERT_EQ(one.records().size(), 1u);
  EXPECT_EQ(one.records()[0].fields, Fields{""});
}

}  // namespace
}  // namespace sluis::codecs::csv
