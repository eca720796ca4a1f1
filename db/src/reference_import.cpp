// gemeenten.csv, aanbieders.csv, productcodes.csv, tarieven.csv (README, "Reference data").
#include <algorithm>
#include <functional>
#include <map>
#include <set>
#include <tuple>

#include "import_kinds.h"
#include "pg_array.h"

namespace sluis::db::internal {

using codecs::Date;
using codecs::csv::Record;
using codecs::csv::Table;

std::set<std::string> KnownGemeenten(pqxx::work& tx) {
  std::set<std::string> out;
  for (const pqxx::row& r : tx.exec("SELECT DISTINCT code FROM gemeente")) {
    out.insert(r[0].as<std::string>());
  }
  return out;
}

namespace {

std::optional<std::string> OptDateText(const std::optional<Date>& d) {
  if (!d) return std::nullopt;
  return d->ToString();
}

// A row with a validity period, for the overlap check.
struct Period {
  int line;
  Date begin;
  std::optional<Date> end;
};

// Within each key, a row may not share a day with another (two rows starting on the same day
// are duplicates). Reports on the row that starts later, naming the row it collides with.
template <class Key>
void CheckOverlaps(std::map<Key, std::vector<Period>>& by_key, ErrorSink& errors,
                   const std::function<std::string(const Key&)>& describe) {
  for (auto& [key, periods] : by_key) {
    std::sort(periods.begin(), periods.end(), [](const Period& a, const Period& b) {
      return std::tie(a.begin, a.line) < std::tie(b.begin, b.line);
    });
    // The row reaching furthest so far: any later-starting row that begins within it overlaps.
    const Period* reach = nullptr;
    for (const Period& p : periods) {
      if (reach != nullptr && Overlaps(reach->begin, reach->end, p.begin, p.end)) {
        if (reach->begin == p.begin) {
          errors.Add(p.line, "duplicate " + describe(key) + " from " + p.begin.ToString() +
                                 " (also on line " + std::to_string(reach->line) + ")");
        } else {
          errors.Add(p.line, "period " + PeriodText(p.begin, p.end) + " overlaps line " +
                                 std::to_string(reach->line) + " (" +
                                 PeriodText(reach->begin, reach->end) + ") for " + describe(key));
        }
      }
      if (reach == nullptr || (reach->end && (!p.end || *p.end > *reach->end))) reach = &p;
    }
  }
}

// "0363" for a gemeente-specific row, "" for one that holds for every gemeente.
std::string ForGemeente(const std::string& gemeente) {
  return gemeente.empty() ? "" : " for gemeente " + gemeente;
}

}  // namespace

// --- gemeenten.csv: gemeentecode,naam,ingangsdatum,einddatum -------------------------------

void LoadGemeenten(pqxx::work& tx, const Table& t, ErrorSink& errors, ImportReport& report) {
  if (!CheckHeader(
          t, {{"gemeentecode", true}, {"naam", true}, {"ingangsdatum", true}, {"einddatum", true}},
          errors)) {
    return;
  }
  struct Row {
    std::string code, naam;
    Date begin;
    std::optional<Date> end;
  };
  std::vector<Row> rows;
  std::map<std::string, std::vector<Period>> periods;
  for (const Record& rec : t.records()) {
    RowReader r(t, rec, errors);
    if (!r.ok()) continue;
    Row row;
    row.code = r.Gemeente("gemeentecode");
    row.naam = r.Required("naam", 80);
    const std::optional<Date> begin = r.Date("ingangsdatum", true);
    row.end = r.Date("einddatum", false);
    r.CheckPeriod(begin, row.end);
    if (!r.ok()) continue;
    row.begin = *begin;
    periods[row.code].push_back({r.line(), row.begin, row.end});
    rows.push_back(std::move(row));
  }
  CheckOverlaps<std::string>(periods, errors,
                             [](const std::string& code) { return "gemeente " + code; });
  if (!errors.empty()) return;

  report.removed = static_cast<int>(tx.exec("DELETE FROM gemeente").affected_rows());
  ArrayLiteral code, naam, begin, end;
  for (const Row& row : rows) {
    code.Add(row.code);
    naam.Add(row.naam);
    begin.Add(row.begin.ToString());
    end.Add(OptDateText(row.end));
  }
  tx.exec_params(
      "INSERT INTO gemeente (code, naam, ingangsdatum, einddatum) "
      "SELECT * FROM unnest($1::text[], $2::text[], $3::date[], $4::date[])",
      code.Take(), naam.Take(), begin.Take(), end.Take());
  report.inserted = static_cast<int>(rows.size());
}

// --- aanbieders.csv: agb,naam,iban[,betaaltermijn_dagen] ------------------------------------

void LoadAanbieders(pqxx::work& tx, const Table& t, ErrorSink& errors, ImportReport& report) {
  if (!CheckHeader(t,
                   {{"agb", true}, {"naam", true}, {"iban", true}, {"betaaltermijn_dagen", false}},
                   errors)) {
    return;
  }
  struct Row {
    std::string agb, naam, iban;
    std::optional<int64_t> termijn;
  };
  std::vector<Row> rows;
  std::map<std::string, int> first_line;
  for (const Record& rec : t.records()) {
    RowReader r(t, rec, errors);
    if (!r.ok()) continue;
    Row row;
    row.agb = r.Agb("agb");
    row.naam = r.Required("naam", 200);
    const std::string_view iban = r.Text("iban");
    if (iban.empty()) {
      r.Error("iban is empty");
    } else {
      std::string why;
      if (std::optional<std::string> n = NormalizeIban(iban, why)) {
        row.iban = *n;
      } else {
        r.Error("iban " + Quoted(iban) + " " + why);
      }
    }
    // BW 6:119b: at most 60 days; empty keeps what is stored (30 for a new aanbieder).
    row.termijn = r.Integer("betaaltermijn_dagen", 1, 60, false);
    if (!r.ok()) continue;
    const auto [it, fresh] = first_line.emplace(row.agb, r.line());
    if (!fresh) {
      r.Error("duplicate agb " + row.agb + " (also on line " + std::to_string(it->second) + ")");
      continue;
    }
    rows.push_back(std::move(row));
  }
  if (!errors.empty()) return;

  // Two statements: with a betaaltermijn it is written, without it the stored one stays.
  for (const bool with_termijn : {true, false}) {
    ArrayLiteral agb, naam, iban, termijn;
    for (const Row& row : rows) {
      if (row.termijn.has_value() != with_termijn) continue;
      agb.Add(row.agb);
      naam.Add(row.naam);
      iban.Add(row.iban);
      termijn.Add(row.termijn);
    }
    if (agb.size() == 0) continue;
    const std::string set_termijn =
        with_termijn ? ", betaaltermijn_dagen = EXCLUDED.betaaltermijn_dagen" : "";
    const std::string compare_termijn = with_termijn ? ", a.betaaltermijn_dagen" : "";
    const std::string compare_excluded = with_termijn ? ", EXCLUDED.betaaltermijn_dagen" : "";
    const pqxx::result r = tx.exec_params(
        "INSERT INTO aanbieder AS a (agb, naam, iban, betaaltermijn_dagen) "
        "SELECT k.agb, k.naam, k.iban, COALESCE(k.termijn, 30) FROM unnest($1::text[], "
        "$2::text[], $3::text[], $4::integer[]) AS k(agb, naam, iban, termijn) "
        "ON CONFLICT (agb) DO UPDATE SET naam = EXCLUDED.naam, iban = EXCLUDED.iban" +
            set_termijn + " WHERE (a.naam, a.iban" + compare_termijn +
            ") IS DISTINCT FROM (EXCLUDED.naam, EXCLUDED.iban" + compare_excluded +
            ") RETURNING (xmax = 0) AS inserted",
        agb.Take(), naam.Take(), iban.Take(), termijn.Take());
    for (const pqxx::row& row : r) {
      if (row[0].as<bool>()) {
        ++report.inserted;
      } else {
        ++report.updated;
      }
    }
  }
  report.unchanged = static_cast<int>(rows.size()) - report.inserted - report.updated;
}

// --- productcodes.csv: domein,productcategorie,productcode,omschrijving[,gemeente] ----------

void LoadProductcodes(pqxx::work& tx, const Table& t, ErrorSink& errors, ImportReport& report) {
  if (!CheckHeader(t,
                   {{"domein", true},
                    {"productcategorie", true},
                    {"productcode", true},
                    {"omschrijving", true},
                    {"gemeente", false}},
                   errors)) {
    return;
  }
  struct Row {
    int line;
    std::string domein, gemeente, categorie, code, omschrijving;
  };
  std::vector<Row> rows;
  std::map<std::tuple<std::string, std::string, std::string, std::string>, int> first_line;
  for (const Record& rec : t.records()) {
    RowReader r(t, rec, errors);
    if (!r.ok()) continue;
    Row row;
    row.line = r.line();
    const std::optional<codecs::Domein> domein = r.Domein();
    row.categorie = r.Categorie("productcategorie", true).value_or("");
    row.code = r.ProductCode("productcode", true).value_or("");
    row.omschrijving = r.Required("omschrijving", 500);
    row.gemeente = r.Gemeente("gemeente", false);
    if (!r.ok()) continue;
    row.domein = std::string(codecs::DomeinName(*domein));
    const auto [it, fresh] =
        first_line.emplace(std::tuple(row.domein, row.gemeente, row.categorie, row.code), r.line());
    if (!fresh) {
      r.Error("duplicate productcode " + row.domein + " " + row.categorie + "/" + row.code +
              ForGemeente(row.gemeente) + " (also on line " + std::to_string(it->second) + ")");
      continue;
    }
    rows.push_back(std::move(row));
  }
  const std::set<std::string> gemeenten = KnownGemeenten(tx);
  for (const Row& row : rows) {
    if (!row.gemeente.empty() && !gemeenten.count(row.gemeente)) {
      errors.Add(row.line, "gemeente " + row.gemeente + " is not in the gemeenten list");
    }
  }
  if (!errors.empty()) return;

  report.removed = static_cast<int>(tx.exec("DELETE FROM productcode").affected_rows());
  ArrayLiteral domein, gemeente, categorie, code, omschrijving;
  for (const Row& row : rows) {
    domein.Add(row.domein);
    gemeente.Add(row.gemeente);
    categorie.Add(row.categorie);
    code.Add(row.code);
    omschrijving.Add(row.omschrijving);
  }
  tx.exec_params(
      "INSERT INTO productcode (domein, gemeente, categorie, code, omschrijving) "
      "SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])",
      domein.Take(), gemeente.Take(), categorie.Take(), code.Take(), omschrijving.Take());
  report.inserted = static_cast<int>(rows.size());
}

// --- tarieven.csv: agb,domein,productcategorie,productcode,eenheid,tarief_cent,ingangsdatum,
// einddatum[,gemeente] ------------------------------------------------------------------------

void LoadTarieven(pqxx::work& tx, const Table& t, ErrorSink& errors, ImportReport& report) {
  if (!CheckHeader(t,
                   {{"agb", true},
                    {"domein", true},
                    {"productcategorie", true},
                    {"productcode", true},
                    {"eenheid", true},
                    {"tarief_cent", true},
                    {"ingangsdatum", true},
                    {"einddatum", true},
                    {"gemeente", false}},
                   errors)) {
    return;
  }
  struct Row {
    int line;
    std::string agb, domein, gemeente, categorie, code, eenheid;
    int64_t cents;
    Date begin;
    std::optional<Date> end;
  };
  using Key = std::tuple<std::string, std::string, std::string, std::string, std::string,
                         std::string>;  // agb, domein, gemeente, categorie, code, eenheid
  std::vector<Row> rows;
  std::map<Key, std::vector<Period>> periods;
  for (const Record& rec : t.records()) {
    RowReader r(t, rec, errors);
    if (!r.ok()) continue;
    Row row;
    row.line = r.line();
    row.agb = r.Agb("agb");
    const std::optional<codecs::Domein> domein = r.Domein();
    row.categorie = r.Categorie("productcategorie", true).value_or("");
    row.code = r.ProductCode("productcode", true).value_or("");
    row.eenheid = r.Eenheid("eenheid", true).value_or("");
    // LDT_Bedrag: 0 .. 99 999 999 eurocent.
    const std::optional<int64_t> cents =
        r.Integer("tarief_cent", 0, 99'999'999, true, "a whole number of cents");
    const std::optional<Date> begin = r.Date("ingangsdatum", true);
    row.end = r.Date("einddatum", false);
    r.CheckPeriod(begin, row.end);
    row.gemeente = r.Gemeente("gemeente", false);
    if (!r.ok()) continue;
    row.domein = std::string(codecs::DomeinName(*domein));
    row.cents = *cents;
    row.begin = *begin;
    periods[{row.agb, row.domein, row.gemeente, row.categorie, row.code, row.eenheid}].push_back(
        {row.line, row.begin, row.end});
    rows.push_back(std::move(row));
  }
  CheckOverlaps<Key>(periods, errors, [](const Key& k) {
    return "tarief " + std::get<0>(k) + " " + std::get<1>(k) + " " + std::get<3>(k) + "/" +
           std::get<4>(k) + " eenheid " + std::get<5>(k) + ForGemeente(std::get<2>(k));
  });

  // What the rows refer to: the aanbieder, the gemeente, the product in the productcode list
  // (a gemeente's own list or the general one; a general tariff may use any gemeente's code).
  std::set<std::string> aanbieders;
  for (const pqxx::row& r : tx.exec("SELECT agb FROM aanbieder")) {
    aanbieders.insert(r[0].as<std::string>());
  }
  const std::set<std::string> gemeenten = KnownGemeenten(tx);
  std::set<std::tuple<std::string, std::string, std::string, std::string>> products;
  std::set<std::tuple<std::string, std::string, std::string>> any_gemeente;
  for (const pqxx::row& r : tx.exec("SELECT domein, gemeente, categorie, code FROM productcode")) {
    products.emplace(r[0].as<std::string>(), r[1].as<std::string>(), r[2].as<std::string>(),
                     r[3].as<std::string>());
    any_gemeente.emplace(r[0].as<std::string>(), r[2].as<std::string>(), r[3].as<std::string>());
  }
  for (const Row& row : rows) {
    if (!aanbieders.count(row.agb)) {
      errors.Add(row.line, "agb " + row.agb + " is not a known aanbieder (aanbieders.csv)");
    }
    if (!row.gemeente.empty() && !gemeenten.count(row.gemeente)) {
      errors.Add(row.line, "gemeente " + row.gemeente + " is not in the gemeenten list");
    }
    const bool known =
        row.gemeente.empty()
            ? any_gemeente.count({row.domein, row.categorie, row.code}) > 0
            : products.count({row.domein, "", row.categorie, row.code}) > 0 ||
                  products.count({row.domein, row.gemeente, row.categorie, row.code}) > 0;
    if (!known) {
      errors.Add(row.line, "productcode " + row.domein + " " + row.categorie + "/" + row.code +
                               " is not in the productcodes list" + ForGemeente(row.gemeente));
    }
  }
  if (!errors.empty()) return;

  report.removed = static_cast<int>(tx.exec("DELETE FROM tarief").affected_rows());
  ArrayLiteral a[9];
  for (const Row& row : rows) {
    a[0].Add(row.agb);
    a[1].Add(row.domein);
    a[2].Add(row.gemeente);
    a[3].Add(row.categorie);
    a[4].Add(row.code);
    a[5].Add(row.eenheid);
    a[6].Add(row.cents);
    a[7].Add(row.begin.ToString());
    a[8].Add(OptDateText(row.end));
  }
  tx.exec_params(
      "INSERT INTO tarief (agb, domein, gemeente, categorie, code, eenheid, tarief_cent, "
      "ingangsdatum, einddatum) SELECT * FROM unnest($1::text[], $2::text[], $3::text[], "
      "$4::text[], $5::text[], $6::text[], $7::bigint[], $8::date[], $9::date[])",
      a[0].Take(), a[1].Take(), a[2].Take(), a[3].Take(), a[4].Take(), a[5].Take(), a[6].Take(),
      a[7].Take(), a[8].Take());
  report.inserted = static_cast<int>(rows.size());
}

}  // namespace sluis::db::internal
