#include "sluis/db/accounts.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "connection_impl.h"
#include "pg_array.h"
#include "sql_util.h"

namespace sluis::db {

using internal::EpochMs;
using internal::FromEpochMs;
using internal::Params;

namespace {

std::string RolesLiteral(const std::vector<std::string>& roles) {
  internal::ArrayLiteral a;
  for (const auto& r : roles) a.Add(r);
  return a.Take();
}

constexpr char kAccountColumns[] =
    "a.id, a.username, a.display_name, a.roles, a.password_hash, a.disabled";

Account ReadAccount(const pqxx::row& r) {
  Account a;
  a.id = r[0].as<int64_t>();
  a.username = r[1].as<std::string>();
  a.display_name = r[2].as<std::string>();
  a.roles = internal::ParseTextArray(r[3].c_str());
  a.password_hash = r[4].as<std::string>();
  a.disabled = r[5].as<bool>();
  return a;
}

}  // namespace

bool Account::HasRole(const std::string& role) const {
  return std::find(roles.begin(), roles.end(), role) != roles.end();
}

int64_t SaveAccount(Connection& conn, const Account& account, const std::string& actor) {
  return MapErrors([&] {
    pqxx::work tx(conn.impl().conn);
    const int64_t id =
        tx.exec_params1(
              "INSERT INTO account (username, display_name, roles, password_hash)"
              " VALUES ($1, $2, $3::text[], $4) ON CONFLICT (username) DO UPDATE SET"
              " display_name = EXCLUDED.display_name, roles = EXCLUDED.roles,"
              " password_hash = EXCLUDED.password_hash, disabled = false RETURNING id",
              account.username, account.display_name, RolesLiteral(account.roles),
              account.password_hash)[0]
            .as<int64_t>();
    const nlohmann::json after = {{"username", account.username},
                                  {"display_name", account.display_name},
                                  {"roles", account.roles}};
    tx.exec_params(
        "INSERT INTO audit_log (actor, action, subject, after) VALUES ($1, 'account.opgeslagen',"
        " $2, $3::jsonb)",
        actor, "account/" + account.username, after.dump());
    tx.commit();
    return id;
  });
}

std::optional<Account> FindAccount(Connection& conn, const std::string& username) {
  return MapErrors([&]() -> std::optional<Account> {
    pqxx::read_transaction tx(conn.impl().conn);
    const pqxx::result r = tx.exec_params(
        std::string("SELECT ") + kAccountColumns + " FROM account a WHERE a.username = $1",
        username);
    if (r.empty()) return std::nullopt;
    return ReadAccount(r[0]);
  });
}

std::vector<Account> ListAccounts(Connection& conn) {
  return MapErrors([&] {
    pqxx::read_transaction tx(conn.impl().conn);
    std::vector<Account> out;
    for (const auto& row :
         tx.exec(std::string("SELECT ") + kAccountColumns + " FROM account a ORDER BY username")) {
      out.push_back(ReadAccount(row));
      out.back().password_hash.clear();
    }
    return out;
  });
}

void CreateSession(Connection& conn, const SessionRow& s) {
  MapErrors([&] {
    pqxx::work tx(conn.impl().conn);
    Params p;
    const std::string sql =
        "INSERT INTO account_session (token_sha256, account_id, csrf_token, created_at,"
        " expires_at, peer) VALUES (" +
        p.Bytes(s.token_sha256) + ", " + p.Int(s.account_id) + ", " + p.Text(s.csrf_token) + ", " +
        p.Time(s.created_at) + ", " + p.Time(s.expires_at) + ", " + p.Text(s.peer) + ")";
    p.Exec(tx, sql);
    // Expired sessions go when new ones come: the table stays small without a timer.
    tx.exec_params("DELETE FROM account_session WHERE expires_at < $1::timestamptz",
                   internal::FormatTime(s.created_at));
    tx.commit();
  });
}

std::optional<ActiveSession> LoadSession(Connection& conn, const std::string& token_sha256,
                                         Instant now) {
  return MapErrors([&]() -> std::optional<ActiveSession> {
    pqxx::read_transaction tx(conn.impl().conn);
    Params p;
    const std::string sql =
        std::string("SELECT ") + kAccountColumns + ", s.csrf_token, " + EpochMs("s.expires_at") +
        " FROM account_session s JOIN account a ON a.id = s.account_id"
        " WHERE s.token_sha256 = " +
        p.Bytes(token_sha256) + " AND s.expires_at > " + p.Time(now) + " AND NOT a.disabled";
    const pqxx::result r = p.Exec(tx, sql);
    if (r.empty()) return std::nullopt;
    ActiveSession s;
    s.account = ReadAccount(r[0]);
    s.csrf_token = r[0][6].as<std::string>();
    s.expires_at = FromEpochMs(r[0][7].as<int64_t>());
    return s;
  });
}

void DeleteSession(Connection& conn, const std::string& token_sha256) {
  MapErrors([&] {
    pqxx::work tx(conn.impl().conn);
    Params p;
    p.Exec(tx, "DELETE FROM account_session WHERE token_sha256 = " + p.Bytes(token_sha256));
    tx.commit();
  });
}

void RecordLoginAttempt(Connection& conn, const std::string& username, const std::string& peer,
                        Instant at, bool ok) {
  MapErrors([&] {
    pqxx::work tx(conn.impl().conn);
    tx.exec_params(
        "INSERT INTO login_attempt (username, peer, at, ok) VALUES ($1, $2, $3::timestamptz, $4)",
        username, peer, internal::FormatTime(at), ok);
    tx.commit();
  });
}

FailedLogins CountFailedLogins(Connection& conn, const std::string& username,
                               const std::string& peer, Instant since) {
  return MapErrors([&] {
    pqxx::read_transaction tx(conn.impl().conn);
    const std::string t = internal::FormatTime(since);
    FailedLogins f;
    f.by_username = tx.exec_params1(
                          "SELECT count(*) FROM login_attempt WHERE username = $1 AND NOT ok"
                          " AND at >= greatest($2::timestamptz, (SELECT max(at) FROM login_attempt"
                          "   WHERE username = $1 AND ok))",
                          username, t)[0]
                        .as<int>();
    f.by_peer = tx.exec_params1(
                      "SELECT count(*) FROM login_attempt WHERE peer = $1 AND NOT ok"
                      " AND at >= $2::timestamptz",
                      peer, t)[0]
                    .as<int>();
    return f;
  });
}

void AppendAudit(Connection& conn, const std::string& actor, const std::string& action,
                 const std::string& subject, const std::string& before_json,
                 const std::string& after_json) {
  MapErrors([&] {
    pqxx::work tx(conn.impl().conn);
    tx.exec_params(
        "INSERT INTO audit_log (actor, action, subject, before, after)"
        " VALUES ($1, $2, $3, NULLIF($4, '')::jsonb, NULLIF($5, '')::jsonb)",
        actor, action, subject, before_json, after_json);
    tx.commit();
  });
}

}  // namespace sluis::db
