#include "sluis/workflow/betaling.h"

#include <algorithm>
#include <cstdio>
#include <limits>

#include "sluis/codecs/pain001.h"

namespace sluis::workflow {
namespace {

// GCC/Clang's 128-bit integer: hoofdsom * rate * days needs more than 64 bits for huge sums.
__extension__ typedef __int128 Int128;

// Hundredths of a percent per year, per day: hoofdsom * rate / (100 * 100 * 365).
constexpr int64_t kNoemer = 100 * 100 * 365;
constexpr int64_t kMaxCents = std::numeric_limits<int64_t>::max();

Date D(int y, int m, int d) { return *Date::Make(y, m, d); }

codecs::Error CsvError(int line, std::string message) {
  return codecs::MakeError(codecs::ErrorKind::kMalformed, "CSV", std::move(message),
                           "line " + std::to_string(line));
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

// Index of the last row with ingangsdatum <= d, or -1.
ptrdiff_t RowOn(const RenteTabel& t, Date d) {
  const auto it = std::upper_bound(
      t.begin(), t.end(), d, [](Date x, const Handelsrente& r) { return x < r.ingangsdatum; });
  return (it - t.begin()) - 1;
}

}  // namespace

const RenteTabel& StandaardHandelsrente() {
  // ECB main refinancing rate + 8 percentage points (art. 6:120 lid 2 BW), set per 1 January
  // and 1 July. Sources per row in workflow/README.md ("Payment").
  static const RenteTabel kTabel = {
      {D(2020, 1, 1), 800},  {D(2020, 7, 1), 800},  {D(2021, 1, 1), 800},  {D(2021, 7, 1), 800},
      {D(2022, 1, 1), 800},  {D(2022, 7, 1), 800},  {D(2023, 1, 1), 1050}, {D(2023, 7, 1), 1200},
      {D(2024, 1, 1), 1250}, {D(2024, 7, 1), 1225}, {D(2025, 1, 1), 1115}, {D(2025, 7, 1), 1015},
      {D(2026, 1, 1), 1015},
  };
  return kTabel;
}

std::string FormatPercentage(int32_t h) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "%d.%02d", h / 100, h % 100);
  return buf;
}

codecs::Result<RenteTabel> ParseHandelsrenteCsv(std::string_view csv) {
  if (csv.substr(0, 3) == "\xEF\xBB\xBF") csv.remove_prefix(3);  // UTF-8 BOM
  RenteTabel out;
  int line_no = 0;
  bool first_content = true;
  while (!csv.empty()) {
    const size_t nl = csv.find('\n');
    const std::string_view line = Trim(csv.substr(0, nl));
    csv = nl == std::string_view::npos ? std::string_view() : csv.substr(nl + 1);
    ++line_no;
    if (line.empty() || line.front() == '#') continue;
    const size_t comma = line.find(',');
    if (comma == std::string_view::npos || line.find(',', comma + 1) != std::string_view::npos) {
      return CsvError(line_no, "expected two fields: ingangsdatum,percentage");
    }
    const std::string_view datum = Trim(line.substr(0, comma));
    const std::string_view pct = Trim(line.substr(comma + 1));
    if (first_content && datum == "ingangsdatum") {
      first_content = false;
      continue;
    }
    first_content = false;
    const auto d = Date::Parse(datum);
    if (!d) return CsvError(line_no, "ingangsdatum is not a date (YYYY-MM-DD)");
    const auto p = ParsePercentage(pct);
    if (!p) return CsvError(line_no, "percentage must be 0..99.99 with at most 2 decimals");
    if (!out.empty() && !(out.back().ingangsdatum < *d)) {
      return CsvError(line_no, "ingangsdatum must be later than the row before");
    }
    out.push_back({*d, *p});
  }
  if (out.empty()) return CsvError(line_no, "no rates");
  return out;
}

std::string HandelsrenteCsv(const RenteTabel& tabel) {
  std::string out = "ingangsdatum,percentage\n";
  for (const Handelsrente& r : tabel) {
    out += r.ingangsdatum.ToString() + "," + FormatPercentage(r.honderdste_procent) + "\n";
  }
  return out;
}

std::optional<int32_t> ParsePercentage(std::string_view s) {
  const size_t dot = s.find('.');
  const std::string_view whole = s.substr(0, dot);
  const std::string_view frac = dot == std::string_view::npos ? "" : s.substr(dot + 1);
  if (whole.empty() || whole.size() > 2 || frac.size() > 2) return std::nullopt;
  if (dot != std::string_view::npos && frac.empty()) return std::nullopt;
  int32_t v = 0;
  for (char c : whole) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  int32_t f = 0;
  for (size_t k = 0; k < 2; ++k) {
    const char c = k < frac.size() ? frac[k] : '0';
    if (c < '0' || c > '9') return std::nullopt;
    f = f * 10 + (c - '0');
  }
  return v * 100 + f;
}

std::optional<int32_t> RentevoetOp(const RenteTabel& tabel, Date d) {
  const ptrdiff_t i = RowOn(tabel, d);
  if (i < 0) return std::nullopt;
  return tabel[static_cast<size_t>(i)].honderdste_procent;
}

Date RenteHalfjaar(Date d) { return D(d.year(), d.month() < 7 ? 1 : 7, 1); }

std::optional<Date> OntbrekendeRentevoet(const RenteTabel& tabel, Date vandaag) {
  const Date laatste = RenteHalfjaar(vandaag);
  for (const Handelsrente& r : tabel) {
    if (r.ingangsdatum == laatste) return std::nullopt;
  }
  return laatste;
}

Blootstelling BerekenBlootstelling(Cents bedrag, Date uiterlijk, Date betaaldatum,
                                   const RenteTabel& tabel, const TeLaatBeleid& beleid) {
  Blootstelling b;
  if (betaaldatum <= uiterlijk) return b;
  b.dagen_te_laat = betaaldatum - uiterlijk;
  if (bedrag.value() <= 0) return b;  // a credit: nothing owed to the aanbieder
  b.vergoeding = beleid.vaste_vergoeding;

  const Date begin = uiterlijk.AddDays(1);    // first day of interest
  const Date einde = betaaldatum.AddDays(1);  // exclusive
  Int128 hoofdsom = bedrag.value();
  Int128 totaal = 0;
  Date jaar_begin = begin;
  for (int jaar = 1; jaar_begin < einde; ++jaar) {
    // Anniversaries count from the first day (so 29 February does not drift).
    const Date jaar_einde = begin.AddMonths(12 * jaar);
    const Date stop = std::min(jaar_einde, einde);
    Int128 teller = 0;  // cent * hundredths of a percent * days
    for (Date d = jaar_begin; d < stop;) {
      const ptrdiff_t i = RowOn(tabel, d);
      Date volgende = stop;
      int32_t rate = 0;
      if (i < 0) {
        b.rente_onvolledig = true;
        if (!tabel.empty()) volgende = std::min(stop, tabel.front().ingangsdatum);
      } else {
        rate = tabel[static_cast<size_t>(i)].honderdste_procent;
        if (static_cast<size_t>(i) + 1 < tabel.size()) {
          volgende = std::min(stop, tabel[static_cast<size_t>(i) + 1].ingangsdatum);
        }
      }
      teller += hoofdsom * rate * (volgende - d);
      d = volgende;
    }
    const Int128 jaarrente = (teller + kNoemer / 2) / kNoemer;  // half up (teller >= 0)
    totaal = std::min<Int128>(totaal + jaarrente, kMaxCents);
    if (stop == jaar_einde) hoofdsom = std::min<Int128>(hoofdsom + jaarrente, kMaxCents);
    jaar_begin = stop;
  }
  b.rente = Cents(static_cast<int64_t>(totaal));
  return b;
}

Betaalbaarheid BepaalBetaalbaarheid(Cents toegekend) {
  if (toegekend.value() > 0) return Betaalbaarheid::kBetaalbaar;
  if (toegekend.value() < 0) return Betaalbaarheid::kCredit;
  return Betaalbaarheid::kNietsTeBetalen;
}

const char* OverslagRedenText(OverslagReden r) {
  switch (r) {
    case OverslagReden::kGeenAanbieder:
      return "AGB niet in de aanbiedersgegevens";
    case OverslagReden::kGeenIban:
      return "aanbieder zonder IBAN";
    case OverslagReden::kOngeldigeIban:
      return "ongeldige IBAN";
    case OverslagReden::kNettoNietPositief:
      return "credits groter dan of gelijk aan debets: doorgeschoven";
  }
  return "overgeslagen";
}

std::string BetaalOmschrijving(const std::vector<std::string>& debet,
                               const std::vector<std::string>& credit) {
  constexpr size_t kMax = codecs::kSepaRemittanceLength;
  std::string out = "Declaraties";
  const size_t total = debet.size() + credit.size();
  size_t written = 0;
  bool full = false;
  // Room for " (+N)" must remain while numbers are left out.
  auto add = [&](const std::string& word, bool is_number) {
    if (full) return;
    const size_t left_after = total - written - (is_number ? 1 : 0);
    const size_t reserve = left_after > 0 ? 4 + std::to_string(left_after).size() : 0;
    if (out.size() + 1 + word.size() + reserve > kMax) {
      full = true;
      return;
    }
    out += ' ';
    out += word;
    if (is_number) ++written;
  };
  for (const auto& n : debet) add(n, true);
  if (!credit.empty()) add("verrekend", false);
  for (const auto& n : credit) add(n, true);
  if (written < total) out += " (+" + std::to_string(total - written) + ")";
  return out;
}

BatchVoorstel StelBatchSamen(const std::vector<BetaalbareDeclaratie>& declaraties,
                             const std::map<std::string, Begunstigde>& aanbieders) {
  // AGB -> its declaraties, in id order (deterministic files and remittance texts).
  std::map<std::string, std::vector<const BetaalbareDeclaratie*>> per_agb;
  for (const auto& d : declaraties) per_agb[d.agb].push_back(&d);
  BatchVoorstel v;
  for (auto& [agb, lijst] : per_agb) {
    std::sort(lijst.begin(), lijst.end(), [](auto* a, auto* b) { return a->id < b->id; });
    int64_t netto = 0;
    bool overflow = false;
    for (const auto* d : lijst)
      overflow |= __builtin_add_overflow(netto, d->toegekend.value(), &netto);
    const int aantal = static_cast<int>(lijst.size());
    auto skip = [&](OverslagReden r) { v.overgeslagen.push_back({agb, r, Cents(netto), aantal}); };
    const auto a = aanbieders.find(agb);
    if (a == aanbieders.end()) {
      skip(OverslagReden::kGeenAanbieder);
      continue;
    }
    const std::string iban = codecs::NormalizeIban(a->second.iban);
    if (iban.empty()) {
      skip(OverslagReden::kGeenIban);
      continue;
    }
    if (!codecs::IsValidIban(iban)) {
      skip(OverslagReden::kOngeldigeIban);
      continue;
    }
    if (netto <= 0 || overflow || netto > codecs::kSepaMaxAmountCents) {
      // Over the SEPA maximum cannot happen with real declaraties; refusing keeps the file
      // valid, and the AGB is reported like a non-positive one.
      skip(OverslagReden::kNettoNietPositief);
      continue;
    }
    BatchRegel r;
    r.agb = agb;
    r.naam = a->second.naam.empty() ? "AGB " + agb : a->second.naam;
    r.iban = iban;
    r.bedrag = Cents(netto);
    std::vector<std::string> debet, credit;
    for (const auto* d : lijst) {
      r.declaratie_ids.push_back(d->id);
      (d->toegekend.value() < 0 ? credit : debet).push_back(d->declaratienummer);
    }
    r.omschrijving = BetaalOmschrijving(debet, credit);
    v.totaal += r.bedrag;
    v.regels.push_back(std::move(r));
  }
  return v;
}

}  // namespace sluis::workflow
