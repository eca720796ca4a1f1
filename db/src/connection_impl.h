// Private to db/: the pqxx side of Connection, and the exception mapping every repository uses.
#pragma once

#include <pqxx/pqxx>

#include "sluis/db/connection.h"

namespace sluis::db {

struct Connection::Impl {
  explicit Impl(const std::string& url) : conn(url) {}
  pqxx::connection conn;
};

// Call inside a catch block: rethrows the current pqxx/std exception as a DbError.
[[noreturn]] void RethrowAsDbError();

// Runs f, translating pqxx exceptions into DbError.
template <class F>
auto MapErrors(F&& f) -> decltype(f()) {
  try {
    return f();
  } catch (const DbError&) {
    throw;
  } catch (const RefusedError&) {
    throw;
  } catch (...) {
    RethrowAsDbError();
  }
}

}  // namespace sluis::db
