// Private to workflow/: what the synthetic_*.cpp files share (fixed word lists, arithmetic).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sluis/workflow/synthetic.h"

namespace sluis::workflow::synth::internal {

// Fictitious-by-combination word lists (synthetic_data.cpp).
const std::vector<std::string_view>& Achternamen();
const std::vector<std::string_view>& Straatnamen();
const std::vector<std::string_view>& AanbiederNamen();
// Letters for a voorletter; the letters Dutch postcodes use (no F, I, O, Q, U, Y).
inline constexpr std::string_view kVoorletterLetters = "AEJMPHCWGLRKSTDBINF";
inline constexpr std::string_view kPostcodeLetters = "ABCDEGHJKLMNPRSTVWXZ";

// round_half_up(a / b) for a >= 0, b > 0 (IV081: whole cents "volgens de rekenkundige regels").
inline int64_t RoundHalfUpDiv(int64_t a, int64_t b) { return (2 * a + b) / (2 * b); }

// The euro product of a domein (10A01 / 50A01): what generiek toewijzingen are declared on.
std::string_view EuroProductCode(codecs::Domein d);

// Zero-padded decimal of `width` digits (more when the value needs them).
std::string Padded(uint64_t value, int width);

}  // namespace sluis::workflow::synth::internal
