// Local accounts, sessions, login attempts and the audit log, for the web UI and API
// (migration 0015). Passwords arrive here already hashed (gateway/src/api/password.h): db/ never
// sees a password. Sessions are stored by the SHA-256 of their token. Every function opens and
// commits its own transaction; throws DbError.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sluis/codecs/date.h"
#include "sluis/db/connection.h"

namespace sluis::db {

using codecs::Instant;

struct Account {
  int64_t id = 0;
  std::string username, display_name;
  std::vector<std::string> roles;  // backoffice | accountmanager | operations | beheer
  std::string password_hash;
  bool disabled = false;
  bool HasRole(const std::string& role) const;
};

// Creates the account or, when the username exists, replaces its name, roles and password (and
// enables it). Audited as account.opgeslagen by `actor`. Throws DbError (kConflict) for a role
// or username the table refuses.
int64_t SaveAccount(Connection& conn, const Account& account, const std::string& actor);
std::optional<Account> FindAccount(Connection& conn, const std::string& username);
std::vector<Account> ListAccounts(Connection& conn);

struct SessionRow {
  std::string token_sha256;  // raw 32 bytes
  int64_t account_id = 0;
  std::string csrf_token;
  Instant created_at, expires_at;
  std::string peer;
};
void CreateSession(Connection& conn, const SessionRow& s);
struct ActiveSession {
  Account account;
  std::string csrf_token;
  Instant expires_at;
};
// The session with this token hash if it exists, has not expired at `now` and its account is
// enabled.
std::optional<ActiveSession> LoadSession(Connection& conn, const std::string& token_sha256,
                                         Instant now);
void DeleteSession(Connection& conn, const std::string& token_sha256);

void RecordLoginAttempt(Connection& conn, const std::string& username, const std::string& peer,
                        Instant at, bool ok);
// Failed attempts since `since` for this username (since its last success) and, separately,
// from this peer address (any username).
struct FailedLogins {
  int by_username = 0, by_peer = 0;
};
FailedLogins CountFailedLogins(Connection& conn, const std::string& username,
                               const std::string& peer, Instant since);

// One audit entry: who, what, about what, before/after as JSON text ("" = none).
void AppendAudit(Connection& conn, const std::string& actor, const std::string& action,
                 const std::string& subject, const std::string& before_json,
                 const std::string& after_json);

}  // namespace sluis::db
