// Private to db/: building statements with a run-time number of parameters (multi-row INSERT,
// UPDATE ... FROM (VALUES ...)) for libpqxx 6.4, and converting times.
#pragma once

#include <utility>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <pqxx/pqxx>

#include "sluis/codecs/date.h"

namespace sluis::db::internal {

// Text parameters are sent as text (cast them in SQL: $3::bigint, $4::timestamptz); binary
// ones (bytea) as binary. Empty optional text becomes SQL NULL (write NULLIF($n,'') for it:
// libpqxx 6.4 dynamic parameters cannot carry NULL). Placeholders for binary parameters are
// numbered after all text ones when the statement is run.
class Params {
 public:
  std::string Text(std::string value);
  std::string Opt(const std::optional<std::string>& value);  // NULLIF($n,'')
  std::string Int(int64_t value);                            // $n::bigint
  std::string Bool(bool value);                              // $n::boolean
  std::string Time(codecs::Instant t);                       // $n::timestamptz
  std::string OptTime(const std::optional<codecs::Instant>& t);
  std::string Bytes(const std::string& value);  // bytea
  std::string OptBytes(const std::optional<std::string>& value);

  pqxx::result Exec(pqxx::transaction_base& tx, const std::string& sql) const;
  bool empty() const { return text_.empty() && bin_.empty(); }

 private:
  std::vector<std::string> text_;
  std::vector<pqxx::binarystring> bin_;
};

// A statement run for every bericht or batch (the inbox's claim and lookups, the unpack, pack
// and outbox claims): prepared on the transaction's connection at its first use there, so
// PostgreSQL parses it once and, after a few runs, plans it once (planning a lookup by key
// costs 0.1-0.2 ms, several times its run).
// `sql` also names it: pass the same text every time. Parameters as for exec_params.
// Prepare registers `sql` on the transaction's connection (a no-op once registered with the
// same text) and returns its name.
std::string Prepare(pqxx::transaction_base& tx, const std::string& sql);
template <class... Args>
pqxx::result ExecPrepared(pqxx::transaction_base& tx, const std::string& sql, Args&&... args) {
  return tx.exec_prepared(Prepare(tx, sql), std::forward<Args>(args)...);
}
template <class... Args>
pqxx::row ExecPrepared1(pqxx::transaction_base& tx, const std::string& sql, Args&&... args) {
  return tx.exec_prepared1(Prepare(tx, sql), std::forward<Args>(args)...);
}

std::string FormatTime(codecs::Instant t);
// SQL for a timestamptz column as epoch milliseconds: EpochMs("received_at").
std::string EpochMs(const std::string& column);
codecs::Instant FromEpochMs(int64_t ms);
std::string BytesOf(const pqxx::field& f);  // a bytea column
std::optional<std::string> OptText(const pqxx::field& f);
std::optional<std::string> OptBytes(const pqxx::field& f);

// bericht.payload of one row, byte for byte: as text when it is valid UTF-8 (half the bytes of
// bytea's hex, migration 0018), as bytea otherwise. Throws when the row does not exist.
std::string BerichtPayload(pqxx::transaction_base& tx, int64_t bericht_id);
// The same, for a query that already selected `bericht_als_tekst(payload)` as `as_text`: the
// bytea is read only when that is NULL.
std::string BerichtPayload(pqxx::transaction_base& tx, int64_t bericht_id,
                           const pqxx::field& as_text);

}  // namespace sluis::db::internal
