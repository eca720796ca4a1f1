// Result values for parsing and validation (docs/conventions §4): no exceptions on the request
// path. An Error carries a closed kind, the rule code the standard uses for it ("XSD", "TR358",
// "CS002", "StUF055", "Inconsistent", ...), a message for people and a location (an XPath-like
// path, a line, or a MIME Content-ID).
#pragma once

#include <utility>

#include <cassert>
#include <optional>
#include <string>
#include <variant>

namespace sluis::codecs {

enum class ErrorKind {
  kMalformed,    // not well-formed: bad XML, bad UTF-8, truncated MIME, bad base64
  kForbidden,    // refused on principle: DOCTYPE, external entity
  kLimit,        // over a size or depth limit
  kSchema,       // level 1: does not match its XSD
  kRule,         // level 2: an in-message rule of the standard
  kUnsupported,  // well-formed and valid, but not something Sluis handles
  kIo,           // could not read a file or directory
};

// Short stable name for logs and JSON ("malformed", "schema", ...).
const char* ErrorKindName(ErrorKind kind);

struct Error {
  ErrorKind kind = ErrorKind::kMalformed;
  std::string code;
  std::string message;
  std::string location;

  // "CODE location: message" (the `sluis validate` line format).
  std::string ToString() const;
  bool operator==(const Error&) const = default;
};

inline Error MakeError(ErrorKind kind, std::string code, std::string message,
                       std::string location = {}) {
  return Error{kind, std::move(code), std::move(message), std::move(location)};
}

// Either a T or an Error. Cheap to move; check ok() before value().
template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::in_place_index<0>, std::move(value)) {}  // NOLINT: implicit by design
  Result(Error error) : v_(std::in_place_index<1>, std::move(error)) {}  // NOLINT

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & {
    assert(ok());
    return std::get<0>(v_);
  }
  const T& value() const& {
    assert(ok());
    return std::get<0>(v_);
  }
  T&& value() && {
    assert(ok());
    return std::get<0>(std::move(v_));
  }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  const Error& error() const {
    assert(!ok());
    return std::get<1>(v_);
  }

 private:
  std::variant<T, Error> v_;
};

// Success or an Error, for operations without a value.
class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(Error error) : error_(std::move(error)) {}  // NOLINT: implicit by design
  static Status Ok() { return {}; }

  bool ok() const { return !error_.has_value(); }
  explicit operator bool() const { return ok(); }
  const Error& error() const {
    assert(!ok());
    return *error_;
  }

 private:
  std::optional<Error> error_;
};

}  // namespace sluis::codecs
