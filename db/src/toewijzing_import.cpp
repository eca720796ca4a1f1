// clienten.csv and toewijzingen.csv: the clients and toewijzingen of the gemeente's current
// system (README, "Reference data"). The rules are those of the 301 (istandaarden-spec §5.2),
// so that every imported toewijzing can later go out in a full-set 301.
#include <map>
#include <set>
#include <tuple>

#include "import_kinds.h"
#include "pg_array.h"
#include "toewijzing_store.h"

namespace sluis::db::internal {

using codecs::Date;
using codecs::csv::Record;
using codecs::csv::Table;
using workflow::ClientGegevens;
using workflow::ToewijzingVersie;

namespace {

std::string Where(const std::string& gemeente, codecs::Domein domein) {
  return gemeente + " " + std::string(codecs::DomeinName(domein));
}

bool IsDutchPostcode(std::string_view p) {
  return p.size() == 6 && p[0] >= '1' && p[0] <= '9' && codecs::IsDigits(p.substr(1, 3), 3) &&
         p[4] >= 'A' && p[4] <= 'Z' && p[5] >= 'A' && p[5] <= 'Z';
}

// LDT_Voorletters: letters only ([a-zA-ZÀ-ỳ]), at most 6.
bool IsVoorletters(std::string_view s) {
  size_t i = 0, n = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    uint32_t cp = c;
    size_t len = 1;
    if (c >= 0xE0) {
      len = 3;
      cp = c & 0x0F;
    } else if (c >= 0xC0) {
      len = 2;
      cp = c & 0x1F;
    }
    if (c >= 0xF0 || i + len > s.size()) return false;
    for (size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    const bool letter =
        (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= 0xC0 && cp <= 0x1EF3);
    if (!letter) return false;
    i += len;
    ++n;
  }
  return n >= 1 && n <= 6;
}

}  // namespace

// --- clienten.csv ---------------------------------------------------------------------------

void LoadClienten(pqxx::work& tx, const Table& t, ErrorSink& errors, ImportReport& report) {
  if (!CheckHeader(t,
                   {{"gemeente", true},
                    {"domein", true},
                    {"bsn", true},
                    {"geboortedatum", true},
                    {"geslacht", true},
                    {"achternaam", true},
                    {"voorvoegsel", false},
                    {"voorletters", false},
                    {"straatnaam", false},
                    {"huisnummer", false},
                    {"huisletter", false},
                    {"huisnummer_toevoeging", false},
                    {"postcode", false},
                    {"plaatsnaam", false},
                    {"telefoon", false}},
                   errors)) {
    return;
  }
  std::vector<ClientGegevens> clients;
  std::vector<int> lines;
  std::map<std::tuple<std::string, codecs::Domein, std::string>, int> first_line;
  for (const Record& rec : t.records()) {
    RowReader r(t, rec, errors);
    if (!r.ok()) continue;
    ClientGegevens c;
    c.gemeente = codecs::GemeenteCode(r.Gemeente("gemeente"));
    const std::optional<codecs::Domein> domein = r.Domein();
    c.bsn = codecs::Bsn(r.Bsn());
    const std::optional<Date> geboren = r.Date("geboortedatum", true);
    const std::string_view geslacht = r.Text("geslacht");
    if (geslacht.empty() || geslacht == "0" || geslacht == "1" || geslacht == "2") {
      c.geslacht = geslacht.empty() ? "0" : std::string(geslacht);
    } else {
      r.Error("geslacht " + Quoted(geslacht) + " is not 0 (onbekend), 1 (man) or 2 (vrouw)");
    }
    c.achternaam = r.Required("achternaam", 200);
    c.voorvoegsel = r.Optional("voorvoegsel", 10);
    c.voorletters = r.Optional("voorletters");
    if (c.voorletters && !IsVoorletters(*c.voorletters)) {
      r.Error("voorletters " + Quoted(*c.voorletters) +
              " must be 1 to 6 letters without dots or spaces");
    }
    c.straatnaam = r.Optional("straatnaam", 24);
    c.huisnummer = r.Integer("huisnummer", 0, 99999, false);
    c.huisletter = r.Optional("huisletter", 1);
    c.huisnummer_toevoeging = r.Optional("huisnummer_toevoeging", 4);
    if (std::optional<std::string> p = r.Optional("postcode")) {
      std::string compact;
      for (char ch : *p) {
        if (ch != ' ') compact.push_back(ch >= 'a' && ch <= 'z' ? static_cast<char>(ch - 32) : ch);
      }
      if (IsDutchPostcode(compact)) {
        c.postcode = compact;
      } else {
        r.Error("postcode " + Quoted(*p) + " is not a Dutch postcode (1234AB)");
      }
    }
    c.plaatsnaam = r.Optional("plaatsnaam", 80);
    if (std::optional<std::string> tel = r.Optional("telefoon")) {
      std::string digits;
      for (char ch : *tel) {
        if (ch != ' ' && ch != '-') digits.push_back(ch);
      }
      if (digits.empty() || digits.size() > 15 || !codecs::IsDigits(digits, digits.size())) {
        r.Error("telefoon " + Quoted(*tel) + " is not 1 to 15 digits");
      } else {
        c.telefoon = digits;
      }
    }
    // CD025/CD034: an address (Contact Soort 01, the Netherlands) has a huisnummer and postcode.
    const bool any_address = c.straatnaam || c.huisnummer || c.huisletter ||
                             c.huisnummer_toevoeging || c.postcode || c.plaatsnaam ||
                             !r.Text("postcode").empty();
    if (any_address && (!c.huisnummer || r.Text("postcode").empty())) {
      r.Error("an address needs both huisnummer and postcode (CD025/CD034)");
    }
    if (!r.ok()) continue;
    c.domein = *domein;
    c.geboortedatum = *geboren;
    const auto [it, fresh] =
        first_line.emplace(std::tuple(c.gemeente.str(), c.domein, c.bsn.str()), r.line());
    if (!fresh) {
      r.Error("duplicate client " + c.bsn.str() + " (" + Where(c.gemeente.str(), c.domein) +
              ", also on line " + std::to_string(it->second) + ")");
      continue;
    }
    clients.push_back(std::move(c));
    lines.push_back(r.line());
  }
  const std::set<std::string> gemeenten = KnownGemeenten(tx);
  for (size_t i = 0; i < clients.size(); ++i) {
    if (!gemeenten.count(clients[i].gemeente.str())) {
      errors.Add(lines[i],
                 "gemeente " + clients[i].gemeente.str() + " is not in the gemeenten list");
    }
  }
  if (!errors.empty()) return;

  std::vector<const ClientGegevens*> ptrs;
  for (const ClientGegevens& c : clients) ptrs.push_back(&c);
  const ClientCounts counts = UpsertClients(tx, ptrs);
  report.inserted = counts.inserted;
  report.updated = counts.updated;
  report.unchanged = static_cast<int>(clients.size()) - counts.inserted - counts.updated;
}

// --- toewijzingen.csv -----------------------------------------------------------------------

namespace {

// One row of toewijzingen.csv as a version; false (errors reported) when it is not valid.
bool ReadToewijzing(RowReader& r, ToewijzingVersie& v) {
  v.gemeente = codecs::GemeenteCode(r.Gemeente("gemeente"));
  const std::optional<codecs::Domein> domein = r.Domein();
  const std::optional<int64_t> nummer = r.Integer("toewijzingnummer", 0, 999'999'999, true);
  v.agb = codecs::AgbCode(r.Agb());
  v.bsn = codecs::Bsn(r.Bsn());

  const std::optional<std::string> categorie = r.Categorie("productcategorie", false);
  const std::optional<std::string> code = r.ProductCode("productcode", false);
  if (!r.Text("productcode").empty() && r.Text("productcategorie").empty()) {
    r.Error("productcode without productcategorie");
  }
  if (categorie) v.product = codecs::Product{*categorie, code};  // no code: aspecifiek

  const std::optional<Date> begin = r.Date("ingangsdatum", true);
  v.einddatum = r.Date("einddatum", false);
  r.CheckPeriod(begin, v.einddatum);

  // Omvang: all three or none (CDT_Omvang).
  const bool has_volume = !r.Text("volume").empty(), has_eenheid = !r.Text("eenheid").empty(),
             has_frequentie = !r.Text("frequentie").empty();
  if (has_volume || has_eenheid || has_frequentie) {
    if (!(has_volume && has_eenheid && has_frequentie)) {
      r.Error("volume, eenheid and frequentie go together (omvang): give all three or none");
    } else {
      const std::optional<int64_t> volume = r.Integer("volume", 0, 99'999'999, true);
      const std::optional<std::string> eenheid = r.Eenheid("eenheid", true);
      const std::string frequentie(r.Text("frequentie"));
      if (frequentie != "1" && frequentie != "2" && frequentie != "4" && frequentie != "6") {
        r.Error("frequentie " + Quoted(frequentie) +
                " is not 1 (dag), 2 (week), 4 (maand) or 6 (totaal)");
      } else if (eenheid && frequentie == "1" &&
                 (*eenheid == "14" || *eenheid == "16" || *eenheid == "83" || *eenheid == "84")) {
        r.Error("eenheid " + *eenheid + " needs frequentie 2, 4 or 6 (CS338)");
      }
      if (volume && eenheid) v.omvang = codecs::Omvang{*volume, *eenheid, frequentie};
    }
  }
  const std::optional<int64_t> budget =
      r.Integer("budget_cent", 0, 99'999'999, false, "a whole number of cents");
  if (budget) v.budget = codecs::Cents(*budget);

  const std::optional<Date> datum = r.Date("toewijzingsdatum", true);
  const std::optional<codecs::TimeOfDay> tijd = r.Time("toewijzingstijd", true);

  if (const std::string_view reden = r.Text("reden_wijziging"); !reden.empty()) {
    static const std::set<std::string_view> kWmo002 = {"02", "03", "04", "05", "06", "07", "08",
                                                       "09", "10", "11", "12", "13", "14"};
    if (reden == "01") {
      r.Error("reden_wijziging 01 may no longer be used (CS336)");
    } else if (!kWmo002.count(reden)) {
      r.Error("reden_wijziging " + Quoted(reden) + " is not in WMO002/JZ002 (02 to 14)");
    } else if (reden == "13" && (!begin || v.einddatum != begin)) {
      r.Error("reden_wijziging 13 (verwijderd) needs einddatum equal to ingangsdatum (CS335)");
    }
    v.reden_wijziging = std::string(reden);
  }
  v.referentie_aanbieder = r.Optional("referentie_aanbieder", 36);
  v.commentaar = r.Optional("commentaar");

  // The 301's conditions on a ToegewezenProduct (istandaarden-spec §5.2).
  if (code && !has_volume) r.Error("a productcode needs an omvang (CD041)");
  if (budget && (has_volume || has_eenheid || has_frequentie)) {
    r.Error("budget_cent and omvang exclude each other (CD077/CD078)");
  }
  if (!budget && r.Text("productcategorie").empty() && r.Text("productcode").empty()) {
    r.Error("a toewijzing without budget_cent needs a productcategorie (CD079)");
  }
  if (r.Text("einddatum").empty() && (budget || r.Text("frequentie") == "2")) {
    r.Error("einddatum is required with a budget or frequentie 2 (CD075/CD076)");
  }
  if (!r.ok()) return false;
  v.domein = *domein;
  v.nummer = codecs::ToewijzingNummer(*nummer);
  v.ingangsdatum = *begin;
  v.toewijzingsdatum = *datum;
  v.toewijzingstijd = *tijd;
  return true;
}

}  // namespace

void LoadToewijzingen(pqxx::work& tx, const Table& t, ErrorSink& errors, ImportReport& report,
                      const std::string& actor, Bron bron, Levering levering) {
  if (!CheckHeader(t,
                   {{"gemeente", true},
                    {"domein", true},
                    {"toewijzingnummer", true},
                    {"agb", true},
                    {"bsn", true},
                    {"productcategorie", true},
                    {"productcode", true},
                    {"ingangsdatum", true},
                    {"einddatum", true},
                    {"volume", false},
                    {"eenheid", false},
                    {"frequentie", false},
                    {"budget_cent", false},
                    {"toewijzingsdatum", true},
                    {"toewijzingstijd", true},
                    {"reden_wijziging", false},
                    {"referentie_aanbieder", false},
                    {"commentaar", false}},
                   errors)) {
    return;
  }
  std::vector<ToewijzingVersie> versies;
  std::vector<int> lines;
  versies.reserve(t.records().size());
  for (const Record& rec : t.records()) {
    RowReader r(t, rec, errors);
    if (!r.ok()) continue;
    ToewijzingVersie v;
    if (!ReadToewijzing(r, v)) continue;
    versies.push_back(std::move(v));
    lines.push_back(r.line());
  }

  // What the rows refer to.
  const std::set<std::string> gemeenten = KnownGemeenten(tx);
  std::set<std::string> aanbieders;
  for (const pqxx::row& row : tx.exec("SELECT agb FROM aanbieder")) {
    aanbieders.insert(row[0].as<std::string>());
  }
  std::set<std::tuple<std::string, std::string, std::string, std::string>> products;
  std::set<std::tuple<std::string, std::string, std::string>> categories;
  for (const pqxx::row& row :
       tx.exec("SELECT domein, gemeente, categorie, code FROM productcode")) {
    products.emplace(row[0].as<std::string>(), row[1].as<std::string>(), row[2].as<std::string>(),
                     row[3].as<std::string>());
    categories.emplace(row[0].as<std::string>(), row[1].as<std::string>(),
                       row[2].as<std::string>());
  }
  std::set<std::tuple<std::string, std::string, std::string>> clients;
  {
    std::set<std::tuple<std::string, std::string, std::string>> wanted;
    for (const ToewijzingVersie& v : versies) {
      wanted.emplace(v.gemeente.str(), std::string(codecs::DomeinName(v.domein)), v.bsn.str());
    }
    ArrayLiteral g, d, b;
    for (const auto& [gemeente, domein, bsn] : wanted) {
      g.Add(gemeente);
      d.Add(domein);
      b.Add(bsn);
    }
    const pqxx::result r = tx.exec_params(
        "SELECT c.gemeente, c.domein, c.bsn FROM client c JOIN unnest($1::text[], $2::text[], "
        "$3::text[]) AS k(gemeente, domein, bsn) USING (gemeente, domein, bsn)",
        g.Take(), d.Take(), b.Take());
    for (const pqxx::row& row : r) {
      clients.emplace(row[0].as<std::string>(), row[1].as<std::string>(), row[2].as<std::string>());
    }
  }
  std::vector<bool> refers_ok(versies.size(), true);
  for (size_t i = 0; i < versies.size(); ++i) {
    const ToewijzingVersie& v = versies[i];
    const std::string domein(codecs::DomeinName(v.domein));
    const auto fail = [&](std::string message) {
      errors.Add(lines[i], std::move(message));
      refers_ok[i] = false;
    };
    if (!gemeenten.count(v.gemeente.str())) {
      fail("gemeente " + v.gemeente.str() + " is not in the gemeenten list");
    }
    if (!aanbieders.count(v.agb.str())) {
      fail("agb " + v.agb.str() + " is not a known aanbieder (aanbieders.csv)");
    }
    if (!clients.count({v.gemeente.str(), domein, v.bsn.str()})) {
      fail("no client " + v.bsn.str() + " for " + Where(v.gemeente.str(), v.domein) +
           " (clienten.csv)");
    }
    // TR381: the product is in the productcode list (the gemeente's own or the general one).
    if (v.product && v.product->code) {
      const std::string& cat = v.product->categorie;
      if (!products.count({domein, "", cat, *v.product->code}) &&
          !products.count({domein, v.gemeente.str(), cat, *v.product->code})) {
        fail("productcode " + domein + " " + cat + "/" + *v.product->code +
             " is not in the productcodes list (TR381)");
      }
    } else if (v.product) {
      const std::string& cat = v.product->categorie;
      if (!categories.count({domein, "", cat}) &&
          !categories.count({domein, v.gemeente.str(), cat})) {
        fail("productcategorie " + domein + " " + cat + " has no codes in the productcodes list");
      }
    }
  }

  // TR332 and IV013 against the other rows and what is stored, for the rows valid so far.
  std::vector<ToewijzingVersie> valid;
  std::vector<int> valid_lines;
  for (size_t i = 0; i < versies.size(); ++i) {
    if (!refers_ok[i]) continue;
    valid.push_back(versies[i]);
    valid_lines.push_back(lines[i]);
  }
  LockToewijzingen(tx);
  const VersieCheck check = CheckVersies(tx, valid);
  for (const VersieProblem& p : check.problems) {
    errors.Add(valid_lines[p.index],
               DescribeProblem(valid[p.index], p, "line " + std::to_string(valid_lines[p.other])));
  }
  if (!errors.empty()) return;

  const std::vector<VersieOutcome> outcomes =
      WriteVersies(tx, valid, check.duplicate, bron, std::nullopt, actor, levering);
  for (VersieOutcome o : outcomes) {
    if (o == VersieOutcome::kDuplicate) {
      ++report.unchanged;
    } else {
      ++report.inserted;
      if (o == VersieOutcome::kCurrent) ++report.current;
    }
  }
}

}  // namespace sluis::db::internal
