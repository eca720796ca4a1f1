#include "sluis/codecs/pain001.h"

#include <cstdint>
#include <iterator>

#include "xml/xml_tree.h"

namespace sluis::codecs {
namespace {

bool IsSepaChar(char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  switch (c) {
    case '/':
    case '-':
    case '?':
    case ':':
    case '(':
    case ')':
    case '.':
    case ',':
    case '\'':
    case '+':
    case ' ':
      return true;
    default:
      return false;
  }
}

// ASCII outside the SEPA set: the nearest allowed character, or a space.
const char* MapAscii(char c) {
  switch (c) {
    case '&':
      return "+";
    case '"':
    case '`':
      return "'";
    case '_':
      return "-";
    case ';':
      return ",";
    case '!':
      return ".";
    case '[':
    case '{':
    case '<':
      return "(";
    case ']':
    case '}':
    case '>':
      return ")";
    default:
      return " ";
  }
}

// U+00C0..U+00FF.
constexpr const char* kLatin1[] = {
    "A", "A", "A", "A", "A", "A", "AE", "C", "E", "E", "E", "E", "I", "I", "I",  "I",
    "D", "N", "O", "O", "O", "O", "O",  " ", "O", "U", "U", "U", "U", "Y", "TH", "ss",
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",
    "d", "n", "o", "o", "o", "o", "o",  " ", "o", "u", "u", "u", "u", "y", "th", "y"};

// U+0100..U+017F (Latin Extended-A): mostly upper/lower pairs of one base letter.
constexpr const char* kLatinExtA[] = {
    "A", "a", "A",  "a",  "A", "a", "C", "c", "C", "c", "C", "c", "C", "c", "D", "d",
    "D", "d", "E",  "e",  "E", "e", "E", "e", "E", "e", "E", "e", "G", "g", "G", "g",
    "G", "g", "G",  "g",  "H", "h", "H", "h", "I", "i", "I", "i", "I", "i", "I", "i",
    "I", "i", "IJ", "ij", "J", "j", "K", "k", "k", "L", "l", "L", "l", "L", "l", "L",
    "l", "L", "l",  "N",  "n", "N", "n", "N", "n", "n", "N", "n", "O", "o", "O", "o",
    "O", "o", "OE", "oe", "R", "r", "R", "r", "R", "r", "S", "s", "S", "s", "S", "s",
    "S", "s", "T",  "t",  "T", "t", "T", "t", "U", "u", "U", "u", "U", "u", "U", "u",
    "U", "u", "U",  "u",  "W", "w", "Y", "y", "Y", "Z", "z", "Z", "z", "Z", "z", "s"};
static_assert(std::size(kLatin1) == 0x40 && std::size(kLatinExtA) == 0x80);

const char* MapCodePoint(uint32_t cp) {
  if (cp < 0x80) {
    const char c = static_cast<char>(cp);
    if (IsSepaChar(c)) return nullptr;  // caller copies it
    return MapAscii(c);
  }
  if (cp >= 0xC0 && cp <= 0xFF) return kLatin1[cp - 0xC0];
  if (cp >= 0x100 && cp <= 0x17F) return kLatinExtA[cp - 0x100];
  switch (cp) {
    case 0xB4:    // acute accent
    case 0x2018:  // quotation marks
    case 0x2019:
    case 0x201A:
    case 0x201C:
    case 0x201D:
    case 0x201E:
    case 0x2032:
      return "'";
    case 0xB7:  // middle dot
      return ".";
    case 0x2010:  // hyphens and dashes
    case 0x2011:
    case 0x2012:
    case 0x2013:
    case 0x2014:
    case 0x2015:
    case 0x2212:
      return "-";
    case 0x20AC:
      return "EUR";
    default:
      return " ";
  }
}

// Decodes one UTF-8 sequence at s[i]; advances i. Returns 0xFFFFFFFF for an invalid byte
// (consumed alone).
uint32_t NextCodePoint(std::string_view s, size_t& i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) {
    ++i;
    return b0;
  }
  int len = 0;
  uint32_t cp = 0;
  if ((b0 & 0xE0) == 0xC0) {
    len = 2;
    cp = b0 & 0x1F;
  } else if ((b0 & 0xF0) == 0xE0) {
    len = 3;
    cp = b0 & 0x0F;
  } else if ((b0 & 0xF8) == 0xF0) {
    len = 4;
    cp = b0 & 0x07;
  } else {
    ++i;
    return 0xFFFFFFFF;
  }
  if (i + static_cast<size_t>(len) > s.size()) {
    ++i;
    return 0xFFFFFFFF;
  }
  for (int k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(s[i + static_cast<size_t>(k)]);
    if ((b & 0xC0) != 0x80) {
      ++i;
      return 0xFFFFFFFF;
    }
    cp = (cp << 6) | (b & 0x3F);
  }
  // Overlong forms and surrogates are not characters.
  static constexpr uint32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < kMin[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    ++i;
    return 0xFFFFFFFF;
  }
  i += static_cast<size_t>(len);
  return cp;
}

// Country code -> IBAN length, for the countries of the SEPA scheme.
struct IbanCountry {
  char code[3];
  int length;
};
constexpr IbanCountry kSepaIbanLengths[] = {
    {"AD", 24}, {"AT", 20}, {"BE", 16}, {"BG", 22}, {"CH", 21}, {"CY", 28}, {"CZ", 24}, {"DE", 22},
    {"DK", 18}, {"EE", 20}, {"ES", 24}, {"FI", 18}, {"FR", 27}, {"GB", 22}, {"GI", 23}, {"GR", 27},
    {"HR", 21}, {"HU", 28}, {"IE", 22}, {"IS", 26}, {"IT", 27}, {"LI", 21}, {"LT", 20}, {"LU", 20},
    {"LV", 21}, {"MC", 27}, {"MT", 31}, {"NL", 18}, {"NO", 15}, {"PL", 28}, {"PT", 25}, {"RO", 24},
    {"SE", 24}, {"SI", 19}, {"SK", 24}, {"SM", 27}, {"VA", 22}};

bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

Error Sepa(std::string message, std::string location) {
  return MakeError(ErrorKind::kRule, "SEPA", std::move(message), std::move(location));
}

std::string Amount(int64_t cents) { return Cents(cents).ToDecimalString(); }

// CreDtTm: "YYYY-MM-DDThh:mm:ss".
std::string DateTimeText(Date d, TimeOfDay t) {
  std::string time = t.ToString();
  if (time.size() > 8) time.resize(8);  // the banks' IG form has no fraction
  return d.ToString() + "T" + time;
}

void Agent(xml::Writer& w, std::string_view element, const std::optional<std::string>& bic) {
  w.Open(element);
  w.Open("FinInstnId");
  if (bic) {
    w.Leaf("BIC", *bic);
  } else {
    w.Open("Othr");
    w.Leaf("Id", "NOTPROVIDED");
    w.Close("Othr");
  }
  w.Close("FinInstnId");
  w.Close(element);
}

void Account(xml::Writer& w, std::string_view element, const std::string& iban) {
  w.Open(element);
  w.Open("Id");
  w.Leaf("IBAN", iban);
  w.Close("Id");
  w.Close(element);
}

void Party(xml::Writer& w, std::string_view element, const std::string& name) {
  w.Open(element);
  w.Leaf("Nm", name);
  w.Close(element);
}

}  // namespace

std::string SepaText(std::string_view utf8, size_t max_chars) {
  std::string out;
  out.reserve(utf8.size());
  auto append = [&out](std::string_view piece) {
    for (char c : piece) {
      if (c == ' ' && (out.empty() || out.back() == ' ')) continue;  // collapse, trim left
      out += c;
    }
  };
  for (size_t i = 0; i < utf8.size();) {
    const uint32_t cp = NextCodePoint(utf8, i);
    if (cp == 0xFFFFFFFF) {
      append(" ");
      continue;
    }
    const char* mapped = MapCodePoint(cp);
    if (mapped) {
      append(mapped);
    } else {
      const char c = static_cast<char>(cp);
      append(std::string_view(&c, 1));
    }
  }
  if (out.size() > max_chars) out.resize(max_chars);
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

bool IsSepaIdentifier(std::string_view id) {
  if (id.empty() || id.size() > kSepaIdLength) return false;
  if (id.front() == '/' || id.back() == '/' || id.find("//") != std::string_view::npos) {
    return false;
  }
  for (char c : id) {
    if (!IsSepaChar(c)) return false;
  }
  return true;
}

std::string NormalizeIban(std::string_view iban) {
  std::string out;
  for (char c : iban) {
    if (c == ' ') continue;
    out += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
  }
  return out;
}

bool IsValidIban(std::string_view iban) {
  if (iban.size() < 15 || iban.size() > 34) return false;
  if (!IsUpper(iban[0]) || !IsUpper(iban[1]) || !IsDigit(iban[2]) || !IsDigit(iban[3])) {
    return false;
  }
  int expected = 0;
  for (const auto& c : kSepaIbanLengths) {
    if (iban.substr(0, 2) == c.code) expected = c.length;
  }
  if (expected == 0 || static_cast<int>(iban.size()) != expected) return false;
  // ISO 7064 MOD 97-10 over BBAN + country + check digits, letters as 10..35.
  int remainder = 0;
  for (size_t k = 0; k < iban.size(); ++k) {
    const char c = iban[(k + 4) % iban.size()];
    if (IsDigit(c)) {
      remainder = (remainder * 10 + (c - '0')) % 97;
    } else if (IsUpper(c)) {
      const int v = c - 'A' + 10;
      remainder = (remainder * 100 + v) % 97;
    } else {
      return false;
    }
  }
  return remainder == 1;
}

bool IsValidBic(std::string_view bic) {
  if (bic.size() != 8 && bic.size() != 11) return false;
  for (size_t k = 0; k < 6; ++k) {
    if (!IsUpper(bic[k])) return false;
  }
  // Location: [A-Z2-9][A-NP-Z0-9] (the XSD pattern: '0' and '1' are test/passive codes).
  const char l1 = bic[6], l2 = bic[7];
  if (!(IsUpper(l1) || (l1 >= '2' && l1 <= '9'))) return false;
  if (!((IsUpper(l2) && l2 != 'O') || IsDigit(l2))) return false;
  for (size_t k = 8; k < bic.size(); ++k) {
    if (!IsUpper(bic[k]) && !IsDigit(bic[k])) return false;
  }
  return true;
}

Result<std::string> EncodePain001(const SepaPaymentFile& f) {
  if (!IsSepaIdentifier(f.message_id)) {
    return Sepa("MsgId must be 1..35 SEPA identifier characters", "GrpHdr/MsgId");
  }
  if (!IsSepaIdentifier(f.payment_info_id)) {
    return Sepa("PmtInfId must be 1..35 SEPA identifier characters", "PmtInf/PmtInfId");
  }
  if (f.transfers.empty()) return Sepa("a payment file needs at least one transfer", "PmtInf");
  const std::string debtor_name = SepaText(f.debtor_name, kSepaNameLength);
  if (debtor_name.empty()) return Sepa("debtor name has no SEPA characters", "PmtInf/Dbtr/Nm");
  const std::string initiator = f.initiating_party_name.empty()
                                    ? debtor_name
                                    : SepaText(f.initiating_party_name, kSepaNameLength);
  if (initiator.empty()) {
    return Sepa("initiating party name has no SEPA characters", "GrpHdr/InitgPty/Nm");
  }
  const std::string debtor_iban = NormalizeIban(f.debtor_iban);
  if (!IsValidIban(debtor_iban)) {
    return Sepa("not a valid SEPA IBAN: '" + SepaText(f.debtor_iban, 40) + "'",
                "PmtInf/DbtrAcct/Id/IBAN");
  }
  if (f.debtor_bic && !IsValidBic(*f.debtor_bic)) {
    return Sepa("not a valid BIC", "PmtInf/DbtrAgt/FinInstnId/BIC");
  }

  struct Checked {
    const SepaCreditTransfer* t;
    std::string name, iban, remittance;
  };
  std::vector<Checked> checked;
  checked.reserve(f.transfers.size());
  int64_t total = 0;
  for (size_t n = 0; n < f.transfers.size(); ++n) {
    const SepaCreditTransfer& t = f.transfers[n];
    const std::string where = "CdtTrfTxInf[" + std::to_string(n + 1) + "]";
    if (!IsSepaIdentifier(t.end_to_end_id)) {
      return Sepa("EndToEndId must be 1..35 SEPA identifier characters", where + "/PmtId");
    }
    if (t.amount.value() < 1 || t.amount.value() > kSepaMaxAmountCents) {
      return Sepa("amount " + t.amount.ToDecimalString() + " outside 0.01..999999999.99 EUR",
                  where + "/Amt/InstdAmt");
    }
    if (__builtin_add_overflow(total, t.amount.value(), &total)) {
      return Sepa("total amount too large", "GrpHdr/CtrlSum");
    }
    Checked c{&t, SepaText(t.creditor_name, kSepaNameLength), NormalizeIban(t.creditor_iban),
              SepaText(t.remittance, kSepaRemittanceLength)};
    if (c.name.empty()) return Sepa("creditor name has no SEPA characters", where + "/Cdtr/Nm");
    if (!IsValidIban(c.iban)) {
      return Sepa("not a valid SEPA IBAN: '" + SepaText(t.creditor_iban, 40) + "'",
                  where + "/CdtrAcct/Id/IBAN");
    }
    if (t.creditor_bic && !IsValidBic(*t.creditor_bic)) {
      return Sepa("not a valid BIC", where + "/CdtrAgt/FinInstnId/BIC");
    }
    checked.push_back(std::move(c));
  }
  // DecimalNumber: at most 18 digits in all.
  if (total > 999'999'999'999'999'999) return Sepa("total amount too large", "GrpHdr/CtrlSum");

  const std::string count = std::to_string(checked.size());
  const std::string sum = Amount(total);
  std::string out;
  out.reserve(1024 + checked.size() * 640);
  xml::Writer w(out);
  w.Declaration();
  w.Open("Document", {{"xmlns", std::string(kPain001Namespace)},
                      {"xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"}});
  w.Open("CstmrCdtTrfInitn");
  w.Open("GrpHdr");
  w.Leaf("MsgId", f.message_id);
  w.Leaf("CreDtTm", DateTimeText(f.creation_date, f.creation_time));
  w.Leaf("NbOfTxs", count);
  w.Leaf("CtrlSum", sum);
  Party(w, "InitgPty", initiator);
  w.Close("GrpHdr");

  w.Open("PmtInf");
  w.Leaf("PmtInfId", f.payment_info_id);
  w.Leaf("PmtMtd", "TRF");
  w.Leaf("BtchBookg", f.batch_booking ? "true" : "false");
  w.Leaf("NbOfTxs", count);
  w.Leaf("CtrlSum", sum);
  w.Open("PmtTpInf");
  w.Open("SvcLvl");
  w.Leaf("Cd", "SEPA");
  w.Close("SvcLvl");
  w.Close("PmtTpInf");
  w.Leaf("ReqdExctnDt", f.requested_execution_date.ToString());
  Party(w, "Dbtr", debtor_name);
  Account(w, "DbtrAcct", debtor_iban);
  Agent(w, "DbtrAgt", f.debtor_bic);
  w.Leaf("ChrgBr", "SLEV");
  for (const Checked& c : checked) {
    w.Open("CdtTrfTxInf");
    w.Open("PmtId");
    w.Leaf("EndToEndId", c.t->end_to_end_id);
    w.Close("PmtId");
    w.Open("Amt");
    w.Leaf("InstdAmt", {{"Ccy", "EUR"}}, c.t->amount.ToDecimalString());
    w.Close("Amt");
    if (c.t->creditor_bic) Agent(w, "CdtrAgt", c.t->creditor_bic);
    Party(w, "Cdtr", c.name);
    Account(w, "CdtrAcct", c.iban);
    if (!c.remittance.empty()) {
      w.Open("RmtInf");
      w.Leaf("Ustrd", c.remittance);
      w.Close("RmtInf");
    }
    w.Close("CdtTrfTxInf");
  }
  w.Close("PmtInf");
  w.Close("CstmrCdtTrfInitn");
  w.Close("Document");
  return out;
}

}  // namespace sluis::codecs
