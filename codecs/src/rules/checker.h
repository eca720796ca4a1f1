// Private to codecs/: helpers shared by the level-2 rule files.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sluis/codecs/payload.h"
#include "sluis/codecs/rules.h"

namespace sluis::codecs::rules {

// Collects violations; every rule reports through Fail.
class Checker {
 public:
  explicit Checker(std::vector<RuleViolation>& out) : out_(out) {}
  void Fail(std::string_view rule, std::string location, std::string message) {
    out_.push_back({std::string(rule), "0001", std::move(location), std::move(message)});
  }

 private:
  std::vector<RuleViolation>& out_;
};

// "/Bericht/Declaratie/Clienten/Client[2]"
inline std::string Item(const std::string& base, std::string_view wrapper, std::string_view item,
                        size_t index0) {
  return base + "/" + std::string(wrapper) + "/" + std::string(item) + "[" +
         std::to_string(index0 + 1) + "]";
}

// A period with an optional end (open-ended when absent).
struct Span {
  Date begin;
  std::optional<Date> end;
};
inline bool Overlap(const Span& a, const Span& b) {
  const bool a_before_b = a.end && *a.end < b.begin;
  const bool b_before_a = b.end && *b.end < a.begin;
  return !a_before_b && !b_before_a;
}

// TR302/TR386/TR410/TR361: two products are "the same" for stacking purposes when their codes
// are equal; without a code, on category level; without a product, with everything.
inline bool SameProduct(const std::optional<Product>& a, const std::optional<Product>& b) {
  if (!a || !b) return true;
  if (a->categorie != b->categorie) return false;
  if (a->code && b->code) return *a->code == *b->code;
  return true;
}

// Shared client checks.
void CheckBsn(Checker& c, const Bsn& bsn, const std::string& location);  // CS002
void CheckAge(Checker& c, const Geboortedatum& g, Date dagtekening,
              const std::string& loc);  // TR002
void CheckNotAfter(Checker& c, std::string_view rule, Date value, Date dagtekening,
                   const std::string& location, std::string_view what);  // TR134

void CheckDeclaratie(Checker& c, const Bericht323& b);
void CheckDeclaratieAntwoord(Checker& c, const Bericht325& b);
void CheckToewijzing(Checker& c, const Bericht301& b);
void CheckStart(Checker& c, const Bericht305& b);
void CheckStop(Checker& c, const Bericht307& b);
void CheckVerzoekOmToewijzing(Checker& c, const Bericht315& b);
void CheckVerzoekOmWijziging(Checker& c, const Bericht317& b);

}  // namespace sluis::codecs::rules
