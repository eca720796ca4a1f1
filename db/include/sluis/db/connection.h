// One PostgreSQL connection (libpqxx 6.4 underneath). libpqxx blocks and a connection must
// never be shared between threads (docs/conventions §6): a Connection belongs to one thread.
// pqxx types do not cross this header; db internals reach them through connection_impl.h.
#pragma once

#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

namespace sluis::db {

// Every database failure leaves db/ as a DbError, classified by SQLSTATE class so that callers
// can decide without knowing PostgreSQL (docs/conventions §4).
class DbError : public std::runtime_error {
 public:
  enum class Class {
    kRetryable,  // connection lost, serialization failure, deadlock, server shutting down
    kConflict,   // unique/foreign-key/check violation: the data says no
    kFatal,      // bad SQL, missing table, permissions: a bug or a broken installation
  };
  DbError(Class cls, std::string sqlstate, const std::string& what)
      : std::runtime_error(what), class_(cls), sqlstate_(std::move(sqlstate)) {}
  Class error_class() const { return class_; }
  const std::string& sqlstate() const { return sqlstate_; }

 private:
  Class class_;
  std::string sqlstate_;
};

// A request the data refuses (declaratie not in review, code not allowed, ...): the message is
// for people and maps to HTTP 409/422 or a CLI error. Nothing was changed.
class RefusedError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Maps a SQLSTATE ("23505", "40001", "08006", ...) to its class.
DbError::Class ClassifySqlState(std::string_view sqlstate);
const char* DbErrorClassName(DbError::Class cls);

class Connection {
 public:
  // Connects with a libpq URL or key=value string. Throws DbError (kRetryable when the server
  // cannot be reached).
  explicit Connection(const std::string& url);
  ~Connection();
  Connection(Connection&&) noexcept;
  Connection& operator=(Connection&&) noexcept;

  // Round trip to the server; throws DbError when it fails.
  void Ping();
  bool is_open() const;

  struct Impl;
  Impl& impl() { return *impl_; }

 private:
  std::unique_ptr<Impl> impl_;
};

// Strips the password from a libpq URL for logs: postgresql://u:***@h:p/db.
std::string RedactUrl(std::string_view url);

}  // namespace sluis::db
