// Private to db/: helpers shared by the payment repository's translation units.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <pqxx/pqxx>

#include "sluis/codecs/date.h"
#include "sluis/codecs/result.h"
#include "sluis/db/connection.h"

namespace sluis::db::betaling_internal {

// A date column read as to_char(x, 'YYYY-MM-DD'). A date Sluis cannot represent (year > 9999)
// is a broken row: DbError kFatal naming `what`.
inline codecs::Date DbDate(const pqxx::field& f, const std::string& what) {
  const auto d = codecs::Date::Parse(f.c_str());
  if (!d) {
    throw DbError(DbError::Class::kFatal, "", what + ": date out of range: " + f.c_str());
  }
  return *d;
}

// "{1,2,3}": a bigint[] parameter.
inline std::string IdArray(const std::vector<int64_t>& ids) {
  std::string out = "{";
  for (size_t i = 0; i < ids.size(); ++i) {
    if (i) out += ',';
    out += std::to_string(ids[i]);
  }
  return out + "}";
}

// "[1,2,3]": a JSON array of ids.
inline std::string JsonIds(const std::vector<int64_t>& ids) {
  std::string out = IdArray(ids);
  out.front() = '[';
  out.back() = ']';
  return out;
}

// A JSON string literal (audit_log before/after are built from these).
inline std::string JsonString(std::string_view s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      default:
        if (c < 0x20) {
          static constexpr char kHex[] = "0123456789abcdef";
          out += "\\u00";
          out += kHex[c >> 4];
          out += kHex[c & 15];
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out + "\"";
}

// Appends to the append-only audit_log; before/after are JSON texts ("" = null).
inline void Audit(pqxx::transaction_base& tx, const std::string& actor, const std::string& action,
                  const std::string& subject, const std::string& before, const std::string& after) {
  tx.exec_params(
      "INSERT INTO audit_log (actor, action, subject, before, after)"
      " VALUES ($1, $2, $3, NULLIF($4, '')::jsonb, NULLIF($5, '')::jsonb)",
      actor, action, subject, before, after);
}

inline codecs::Error Refused(std::string code, std::string message, std::string location = {}) {
  return codecs::MakeError(codecs::ErrorKind::kRule, std::move(code), std::move(message),
                           std::move(location));
}

}  // namespace sluis::db::betaling_internal
