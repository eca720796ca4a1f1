#include "sql_util.h"

#include <cstdio>
#include <functional>

namespace sluis::db::internal {

namespace {
// Marks a binary placeholder until Exec numbers it: "\x01<index>\x01".
constexpr char kMark = '\x01';
}  // namespace

std::string Params::Text(std::string value) {
  text_.push_back(std::move(value));
  return "$" + std::to_string(text_.size());
}

std::string Params::Opt(const std::optional<std::string>& value) {
  return "NULLIF(" + Text(value.value_or("")) + ",'')";
}

std::string Params::Int(int64_t value) { return Text(std::to_string(value)) + "::bigint"; }

std::string Params::Bool(bool value) { return Text(value ? "t" : "f") + "::boolean"; }

std::string Params::Time(codecs::Instant t) { return Text(FormatTime(t)) + "::timestamptz"; }

std::string Params::OptTime(const std::optional<codecs::Instant>& t) {
  return Opt(t ? std::optional<std::string>(FormatTime(*t)) : std::nullopt) + "::timestamptz";
}

std::string Params::Bytes(const std::string& value) {
  bin_.emplace_back(value);
  return std::string(1, kMark) + std::to_string(bin_.size()) + std::string(1, kMark);
}

std::string Params::OptBytes(const std::optional<std::string>& value) {
  if (!value) return "NULL::bytea";
  return Bytes(*value);
}

pqxx::result Params::Exec(pqxx::transaction_base& tx, const std::string& sql) const {
  std::string out;
  out.reserve(sql.size() + 16);
  const size_t base = text_.size();
  for (size_t i = 0; i < sql.size(); ++i) {
    if (sql[i] != kMark) {
      out.push_back(sql[i]);
      continue;
    }
    const size_t end = sql.find(kMark, i + 1);
    const size_t index = std::stoul(sql.substr(i + 1, end - i - 1));
    out += "$" + std::to_string(base + index);
    i = end;
  }
  return tx.exec_params(out, pqxx::prepare::make_dynamic_params(text_),
                        pqxx::prepare::make_dynamic_params(bin_));
}

std::string FormatTime(codecs::Instant t) { return codecs::FormatXsDateTime(t); }

std::string EpochMs(const std::string& column) {
  return "(extract(epoch from " + column + ") * 1000)::bigint";
}

codecs::Instant FromEpochMs(int64_t ms) { return codecs::Instant(std::chrono::milliseconds(ms)); }

std::string Prepare(pqxx::transaction_base& tx, const std::string& sql) {
  char name[24];
  std::snprintf(name, sizeof name, "sluis_%016zx", std::hash<std::string>{}(sql));
  tx.conn().prepare(name, sql);
  return name;
}

std::string BerichtPayload(pqxx::transaction_base& tx, int64_t bericht_id) {
  const pqxx::row r =
      tx.exec_params1("SELECT bericht_als_tekst(payload) FROM bericht WHERE id = $1", bericht_id);
  return BerichtPayload(tx, bericht_id, r[0]);
}

std::string BerichtPayload(pqxx::transaction_base& tx, int64_t bericht_id,
                           const pqxx::field& as_text) {
  if (!as_text.is_null()) return std::string(as_text.c_str(), as_text.size());
  return BytesOf(tx.exec_params1("SELECT payload FROM bericht WHERE id = $1", bericht_id)[0]);
}

std::string BytesOf(const pqxx::field& f) {
  if (f.is_null()) return {};
  return pqxx::binarystring(f).str();
}

std::optional<std::string> OptText(const pqxx::field& f) {
  if (f.is_null()) return std::nullopt;
  return f.as<std::string>();
}

std::optional<std::string> OptBytes(const pqxx::field& f) {
  if (f.is_null()) return std::nullopt;
  return pqxx::binarystring(f).str();
}

}  // namespace sluis::db::internal
