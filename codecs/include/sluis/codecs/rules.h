// Level 2: the in-message rules of iWmo/iJw 3.2 (istandaarden-spec §5.3, §6.2, §6.4): the
// checks the official XSLTs perform. A message that breaks any of them is rejected as a whole
// with retourcode 0001 in a header-only answer (IV032 for retours, IV087 for the 325).
//
// Run only on a message that passed level 1 (XSD): the rules assume its structure.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "sluis/codecs/payload.h"

namespace sluis::codecs {

struct RuleViolation {
  std::string rule;        // the standard's rule code: "TR358", "CS002", "CD087", ...
  std::string retourcode;  // "0001" for every level-2 rule
  std::string location;    // "/Bericht/Declaratie/Clienten/Client[2]/Bsn"
  std::string message;     // for people (Dutch terms, English sentence)
  Error ToError() const;   // kind kRule, code = rule
  bool operator==(const RuleViolation&) const = default;
};

// Every level-2 violation in the message, in document order.
std::vector<RuleViolation> CheckLevel2(const Bericht& bericht);

// The rule codes CheckLevel2 applies to a message type.
std::vector<std::string_view> Level2Rules(BerichtType type);

// The version of this rule set, written as XsltVersie in a 0001 answer (IV087: the version of
// the in-message checks that were applied).
inline constexpr std::string_view kLevel2RulesVersion = "1.0.0";

}  // namespace sluis::codecs
