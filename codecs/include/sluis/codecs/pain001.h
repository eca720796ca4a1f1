// SEPA credit transfer initiation: ISO 20022 pain.001.001.03 as Dutch banks accept it (EPC
// SEPA Credit Transfer rulebook and the NVB/Betaalvereniging "IG SEPA Credit Transfer"): one
// PmtInf, EUR only, SvcLvl SEPA, ChrgBr SLEV, unstructured remittance information of at most
// 140 characters. Pure: values in, bytes out. The creation time is a parameter (no clock).
//
// Text fields are made SEPA-safe on the way out: the EPC's Latin character set (a-z A-Z 0-9
// / - ? : ( ) . , ' + and space) after transliteration (é -> e, ß -> ss, & -> +; anything else
// becomes a space), then cut to the field's length (names 70, remittance 140). Identifiers
// (MsgId, PmtInfId, EndToEndId) and accounts are ours and must already be right: the encoder
// refuses them rather than alter them.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sluis/codecs/date.h"
#include "sluis/codecs/result.h"
#include "sluis/codecs/types.h"

namespace sluis::codecs {

inline constexpr std::string_view kPain001Namespace =
    "urn:iso:std:iso:20022:tech:xsd:pain.001.001.03";

// Field lengths of the EPC implementation guidelines (the XSD allows 140 for names).
inline constexpr size_t kSepaNameLength = 70;
inline constexpr size_t kSepaRemittanceLength = 140;
inline constexpr size_t kSepaIdLength = 35;
// EPC rulebook: an SCT carries 0.01 up to 999,999,999.99 EUR.
inline constexpr int64_t kSepaMaxAmountCents = 99'999'999'999;

// One CdtTrfTxInf: a transfer to one creditor.
struct SepaCreditTransfer {
  std::string end_to_end_id;                // PmtId/EndToEndId: 1..35, SEPA identifier characters
  Cents amount;                             // Amt/InstdAmt Ccy="EUR": 0.01 .. 999,999,999.99
  std::string creditor_name;                // Cdtr/Nm (made SEPA-safe, cut to 70)
  std::string creditor_iban;                // CdtrAcct/Id/IBAN (spaces allowed, normalised)
  std::optional<std::string> creditor_bic;  // CdtrAgt; absent: IBAN-only (EPC: allowed)
  std::string remittance;  // RmtInf/Ustrd (made SEPA-safe, cut to 140); omitted when empty
  bool operator==(const SepaCreditTransfer&) const = default;
};

// Document/CstmrCdtTrfInitn with one PmtInf.
struct SepaPaymentFile {
  std::string message_id;  // GrpHdr/MsgId: 1..35 identifier characters, unique per debtor
  // GrpHdr/CreDtTm, written as given ("2026-11-23T10:15:00", no zone: the banks' IG form).
  Date creation_date;
  TimeOfDay creation_time;
  std::string initiating_party_name;  // GrpHdr/InitgPty/Nm; empty: the debtor's name
  std::string payment_info_id;        // PmtInf/PmtInfId: 1..35 identifier characters
  Date requested_execution_date;      // PmtInf/ReqdExctnDt
  bool batch_booking = true;          // PmtInf/BtchBookg: one debit on the statement
  std::string debtor_name;            // Dbtr/Nm
  std::string debtor_iban;            // DbtrAcct/Id/IBAN
  // DbtrAgt/FinInstnId/BIC; absent: FinInstnId/Othr/Id "NOTPROVIDED" (EPC IG since 2016).
  std::optional<std::string> debtor_bic;
  std::vector<SepaCreditTransfer> transfers;  // at least one
  bool operator==(const SepaPaymentFile&) const = default;
};

// The pain.001.001.03 XML (UTF-8, CRLF), or an Error with code "SEPA", kind kRule and the
// offending element as location ("CdtTrfTxInf[2]/CdtrAcct/IBAN"): no transfers, an amount
// outside 0.01..999,999,999.99, a bad identifier, IBAN or BIC, a name with no SEPA character
// left, or totals too large. Validate the result against the XSD (SchemaKind::kPain001) before
// it leaves Sluis.
Result<std::string> EncodePain001(const SepaPaymentFile& file);

// Transliterates UTF-8 text to the SEPA character set, collapses runs of spaces, trims, and
// cuts it to max_chars. Invalid UTF-8 bytes become spaces. Never fails; may return "".
std::string SepaText(std::string_view utf8, size_t max_chars);

// MsgId, PmtInfId, EndToEndId: 1..35 characters of the SEPA set, not starting or ending with
// '/' and without "//" (EPC IG).
bool IsSepaIdentifier(std::string_view id);

// Removes spaces and upper-cases ("nl91 abna 0417 1643 00" -> "NL91ABNA0417164300").
std::string NormalizeIban(std::string_view iban);
// A normalised IBAN of a SEPA country with that country's length and a valid ISO 7064
// MOD 97-10 check ("NL91ABNA0417164300").
bool IsValidIban(std::string_view iban);
// BIC: 4 letters bank, 2 letters country, 2 location, optional 3 branch (ISO 9362).
bool IsValidBic(std::string_view bic);

}  // namespace sluis::codecs
