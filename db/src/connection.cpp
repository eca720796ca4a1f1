#include "sluis/db/connection.h"

#include "connection_impl.h"

namespace sluis::db {

DbError::Class ClassifySqlState(std::string_view s) {
  if (s.size() != 5) return DbError::Class::kFatal;
  const std::string_view cls = s.substr(0, 2);
  // 08 connection exception, 40 transaction rollback (serialization, deadlock), 53 insufficient
  // resources, 57 operator intervention (admin shutdown, query canceled), 58 system error.
  if (cls == "08" || cls == "40" || cls == "53" || cls == "57" || cls == "58") {
    return DbError::Class::kRetryable;
  }
  // 23 integrity constraint violation; 55P03 lock not available.
  if (cls == "23" || s == "55P03") return DbError::Class::kConflict;
  return DbError::Class::kFatal;
}

const char* DbErrorClassName(DbError::Class cls) {
  switch (cls) {
    case DbError::Class::kRetryable:
      return "retryable";
    case DbError::Class::kConflict:
      return "conflict";
    case DbError::Class::kFatal:
      return "fatal";
  }
  return "fatal";
}

void RethrowAsDbError() {
  try {
    throw;
  } catch (const pqxx::sql_error& e) {
    throw DbError(ClassifySqlState(e.sqlstate()), e.sqlstate(), e.what());
  } catch (const pqxx::broken_connection& e) {
    throw DbError(DbError::Class::kRetryable, "08006", e.what());
  } catch (const pqxx::in_doubt_error& e) {
    throw DbError(DbError::Class::kRetryable, "08007", e.what());
  } catch (const pqxx::deadlock_detected& e) {  // libpqxx 6.4: class 40 is not an sql_error
    throw DbError(DbError::Class::kRetryable, "40P01", e.what());
  } catch (const pqxx::serialization_failure& e) {
    throw DbError(DbError::Class::kRetryable, "40001", e.what());
  } catch (const pqxx::statement_completion_unknown& e) {
    throw DbError(DbError::Class::kRetryable, "40003", e.what());
  } catch (const pqxx::transaction_rollback& e) {
    throw DbError(DbError::Class::kRetryable, "40000", e.what());
  } catch (const std::exception& e) {
    throw DbError(DbError::Class::kFatal, "", e.what());
  }
}

Connection::Connection(const std::string& url) {
  MapErrors([&] { impl_ = std::make_unique<Impl>(url); });
}
Connection::~Connection() = default;
Connection::Connection(Connection&&) noexcept = default;
Connection& Connection::operator=(Connection&&) noexcept = default;

void Connection::Ping() {
  MapErrors([&] {
    pqxx::nontransaction tx(impl_->conn);
    tx.exec("SELECT 1");
  });
}

bool Connection::is_open() const { return impl_ && impl_->conn.is_open(); }

std::string RedactUrl(std::string_view url) {
  const size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) return std::string(url);
  const size_t at = url.find('@', scheme + 3);
  const size_t colon = url.find(':', scheme + 3);
  if (at == std::string_view::npos || colon == std::string_view::npos || colon > at) {
    return std::string(url);
  }
  return std::string(url.substr(0, colon + 1)) + "***" + std::string(url.substr(at));
}

}  // namespace sluis::db
