// Strong types for the identifiers and amounts of the iStandaarden (docs/conventions §3), so
// that a Bsn cannot be passed where an AgbCode is expected and money is always integer eurocent.
#pragma once

#include <utility>

#include <compare>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace sluis::codecs {

// A string identifier with a tag. Construction does not validate: the codecs check the lexical
// form (XSD facets) when parsing, and the rules (e.g. the 11-proef) are level-2 checks.
template <class Tag>
class StrongString {
 public:
  StrongString() = default;
  explicit StrongString(std::string value) : value_(std::move(value)) {}
  const std::string& str() const { return value_; }
  bool empty() const { return value_.empty(); }
  auto operator<=>(const StrongString&) const = default;

 private:
  std::string value_;
};

template <class Tag, class Rep = int64_t>
class StrongInt {
 public:
  constexpr StrongInt() = default;
  constexpr explicit StrongInt(Rep value) : value_(value) {}
  constexpr Rep value() const { return value_; }
  auto operator<=>(const StrongInt&) const = default;

 private:
  Rep value_ = 0;
};

struct BsnTag;
struct AgbCodeTag;
struct GemeenteCodeTag;
struct ReferentieNummerTag;
struct ToewijzingNummerTag;

using Bsn = StrongString<BsnTag>;                            // LDT_BurgerServicenummer, 9 digits
using AgbCode = StrongString<AgbCodeTag>;                    // LDT_AgbCode, 8 digits
using GemeenteCode = StrongString<GemeenteCodeTag>;          // LDT_Gemeente, 4 digits ("0363")
using ReferentieNummer = StrongString<ReferentieNummerTag>;  // LDT_ReferentieNummer, 1..20
using ToewijzingNummer = StrongInt<ToewijzingNummerTag>;     // LDT_Nummer, 0..999999999

// Money as integer eurocent (IV024). Signed, so that debit minus credit sums stay exact.
class Cents {
 public:
  constexpr Cents() = default;
  constexpr explicit Cents(int64_t cents) : cents_(cents) {}
  constexpr int64_t value() const { return cents_; }
  auto operator<=>(const Cents&) const = default;
  constexpr Cents operator+(Cents o) const { return Cents(cents_ + o.cents_); }
  constexpr Cents operator-(Cents o) const { return Cents(cents_ - o.cents_); }
  constexpr Cents operator-() const { return Cents(-cents_); }
  Cents& operator+=(Cents o) {
    cents_ += o.cents_;
    return *this;
  }
  Cents& operator-=(Cents o) {
    cents_ -= o.cents_;
    return *this;
  }
  // "1234.56" (a dot, no thousands separator; negative with a leading minus).
  std::string ToDecimalString() const;

 private:
  int64_t cents_ = 0;
};

// Lexical checks matching the XSD facets.
bool IsDigits(std::string_view s, size_t n);
inline bool IsBsnFormat(std::string_view s) { return IsDigits(s, 9); }
inline bool IsAgbFormat(std::string_view s) { return IsDigits(s, 8); }
inline bool IsGemeenteFormat(std::string_view s) { return IsDigits(s, 4); }

// CS002: the 11-proef on a 9-digit BSN: (9·d1 + 8·d2 + … + 2·d8 − 1·d9) mod 11 == 0.
bool PassesElfproef(std::string_view bsn);

}  // namespace sluis::codecs

template <class Tag>
struct std::hash<sluis::codecs::StrongString<Tag>> {
  size_t operator()(const sluis::codecs::StrongString<Tag>& s) const noexcept {
    return std::hash<std::string>()(s.str());
  }
};
template <class Tag, class Rep>
struct std::hash<sluis::codecs::StrongInt<Tag, Rep>> {
  size_t operator()(const sluis::codecs::StrongInt<Tag, Rep>& v) const noexcept {
    return std::hash<Rep>()(v.value());
  }
};
