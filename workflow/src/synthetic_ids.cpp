// Identifiers: message identities, references, test BSNs and IBANs.
#include <cassert>

#include "synthetic_internal.h"

namespace sluis::workflow::synth {

using internal::Padded;

IdGenerator::IdGenerator(std::string_view prefix, uint64_t first)
    : referentie_(first), declaratie_(first), referentie_aanbieder_(first) {
  for (char c : prefix) {
    const bool alnum = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (alnum && prefix_.size() < 3) prefix_ += c;
  }
  for (uint64_t& n : identificatie_) n = first;
}

std::string IdGenerator::Identificatie(codecs::BerichtType type) {
  uint64_t& n = identificatie_[static_cast<size_t>(type)];
  const int width = 9 - static_cast<int>(prefix_.size());
  std::string s = prefix_ + std::to_string(codecs::Nummer(type)) + Padded(n++, width);
  assert(s.size() <= 12);  // LDT_IdentificatieBericht
  return s;
}

codecs::ReferentieNummer IdGenerator::Referentie() {
  return codecs::ReferentieNummer(prefix_ + "R" + Padded(referentie_++, 12));
}

std::string IdGenerator::DeclaratieNummer() {
  std::string s = prefix_ + "D" + Padded(declaratie_++, 11 - static_cast<int>(prefix_.size()));
  assert(s.size() <= 12);  // LDT_IdentificatieDeclaratie
  return s;
}

std::string IdGenerator::ReferentieAanbieder() {
  return prefix_ + "V" + Padded(referentie_aanbieder_++, 10);
}

namespace {

// ISO 13616 mod 97 over the rearranged IBAN (country and check digits moved to the end),
// letters as 10..35, computed digit by digit.
int Mod97(std::string_view rearranged) {
  int rem = 0;
  for (char c : rearranged) {
    if (c >= '0' && c <= '9') {
      rem = (rem * 10 + (c - '0')) % 97;
    } else if (c >= 'A' && c <= 'Z') {
      rem = (rem * 100 + (c - 'A' + 10)) % 97;
    } else {
      return -1;
    }
  }
  return rem;
}

}  // namespace

std::string MakeIban(std::string_view bank, std::string_view account) {
  const std::string bban = std::string(bank) + std::string(account);
  const int check = 98 - Mod97(bban + "NL00");
  return "NL" + Padded(static_cast<uint64_t>(check), 2) + bban;
}

bool IbanIsValid(std::string_view iban) {
  if (iban.size() < 5) return false;
  const std::string rearranged = std::string(iban.substr(4)) + std::string(iban.substr(0, 4));
  return Mod97(rearranged) == 1;
}

std::vector<codecs::Bsn> TestBsns() {
  std::vector<codecs::Bsn> out;
  out.reserve(kMaxClients);
  for (int n = 999900000; n <= 999999999; ++n) {
    std::string s = std::to_string(n);
    if (codecs::PassesElfproef(s)) out.emplace_back(std::move(s));
  }
  assert(out.size() == kMaxClients);
  return out;
}

}  // namespace sluis::workflow::synth
