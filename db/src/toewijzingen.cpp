#include "sluis/db/toewijzingen.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "sluis/codecs/bericht_type.h"

#include "connection_impl.h"
#include "pg_array.h"
#include "toewijzing_store.h"

namespace sluis::db {

using codecs::Date;
using codecs::TimeOfDay;
using workflow::ClientGegevens;
using workflow::ToewijzingVersie;

std::string_view BronName(Bron b) {
  switch (b) {
    case Bron::kImport:
      return "import";
    case Bron::kApi:
      return "api";
    case Bron::k301:
      return "301";
  }
  return "import";
}

std::optional<Bron> ParseBron(std::string_view name) {
  for (Bron b : {Bron::kImport, Bron::kApi, Bron::k301}) {
    if (BronName(b) == name) return b;
  }
  return std::nullopt;
}

std::string_view LeveringName(Levering l) {
  switch (l) {
    case Levering::kTeVerzenden:
      return "te_verzenden";
    case Levering::kVerzonden:
      return "verzonden";
    case Levering::kOntvangen:
      return "ontvangen";
    case Levering::kAfgekeurd:
      return "afgekeurd";
    case Levering::kExtern:
      return "extern";
  }
  return "te_verzenden";
}

std::optional<Levering> ParseLevering(std::string_view name) {
  for (Levering l : {Levering::kTeVerzenden, Levering::kVerzonden, Levering::kOntvangen,
                     Levering::kAfgekeurd, Levering::kExtern}) {
    if (LeveringName(l) == name) return l;
  }
  return std::nullopt;
}

namespace internal {
namespace {

std::string Dom(codecs::Domein d) { return std::string(codecs::DomeinName(d)); }

std::optional<std::string> OptText(const pqxx::field& f) {
  if (f.is_null()) return std::nullopt;
  return f.as<std::string>();
}

Date DateOf(const pqxx::field& f) { return Date::Parse(f.c_str()).value_or(Date()); }

std::optional<Date> OptDate(const pqxx::field& f) {
  if (f.is_null()) return std::nullopt;
  return DateOf(f);
}

TimeOfDay TimeOf(const pqxx::field& f) { return TimeOfDay::Parse(f.c_str()).value_or(TimeOfDay()); }

// The columns of toewijzing_versie that make a ToewijzingVersie, in ReadVersie's order.
constexpr char kVersieColumns[] =
    "v.gemeente, v.domein, v.nummer, v.agb, v.bsn, v.categorie, v.code, v.toewijzingsdatum, "
    "v.toewijzingstijd, v.ingangsdatum, v.einddatum, v.reden_wijziging, v.volume, v.eenheid, "
    "v.frequentie, v.budget_cent, v.referentie_aanbieder, v.commentaar";

ToewijzingVersie ReadVersie(const pqxx::row& r, int first = 0) {
  ToewijzingVersie v;
  v.gemeente = codecs::GemeenteCode(r[first + 0].as<std::string>());
  v.domein = codecs::ParseDomeinName(r[first + 1].c_str()).value_or(codecs::Domein::kWmo);
  v.nummer = codecs::ToewijzingNummer(r[first + 2].as<int64_t>());
  v.agb = codecs::AgbCode(r[first + 3].as<std::string>());
  v.bsn = codecs::Bsn(r[first + 4].as<std::string>());
  if (!r[first + 5].is_null()) {
    v.product = codecs::Product{r[first + 5].as<std::string>(), OptText(r[first + 6])};
  }
  v.toewijzingsdatum = DateOf(r[first + 7]);
  v.toewijzingstijd = TimeOf(r[first + 8]);
  v.ingangsdatum = DateOf(r[first + 9]);
  v.einddatum = OptDate(r[first + 10]);
  v.reden_wijziging = OptText(r[first + 11]);
  if (!r[first + 12].is_null()) {
    v.omvang = codecs::Omvang{r[first + 12].as<int64_t>(), r[first + 13].as<std::string>(),
                              r[first + 14].as<std::string>()};
  }
  if (!r[first + 15].is_null()) v.budget = codecs::Cents(r[first + 15].as<int64_t>());
  v.referentie_aanbieder = OptText(r[first + 16]);
  v.commentaar = OptText(r[first + 17]);
  return v;
}

using NummerKey = std::tuple<std::string, codecs::Domein, int64_t>;
using TimeKey = std::tuple<std::string, codecs::Domein, int64_t, int32_t, int32_t>;

NummerKey KeyOf(const ToewijzingVersie& v) {
  return {v.gemeente.str(), v.domein, v.nummer.value()};
}
TimeKey TimeKeyOf(const ToewijzingVersie& v) {
  return {v.gemeente.str(), v.domein, v.nummer.value(), v.toewijzingsdatum.days(),
          v.toewijzingstijd.millis()};
}

}  // namespace

ClientCounts UpsertClients(pqxx::work& tx, const std::vector<const ClientGegevens*>& clients) {
  ClientCounts counts;
  if (clients.empty()) return counts;
  ArrayLiteral a[18];
  for (const ClientGegevens* c : clients) {
    a[0].Add(c->gemeente.str());
    a[1].Add(Dom(c->domein));
    a[2].Add(c->bsn.str());
    a[3].Add(c->geboortedatum.ToString());
    a[4].Add(c->geboortedatum_gebruik);
    a[5].Add(c->geslacht);
    a[6].Add(c->achternaam);
    a[7].Add(c->voorvoegsel);
    a[8].Add(c->voorletters);
    a[9].Add(c->naam_gebruik);
    a[10].Add(c->adres_soort);
    a[11].Add(c->straatnaam);
    a[12].Add(c->huisnummer);
    a[13].Add(c->huisletter);
    a[14].Add(c->huisnummer_toevoeging);
    a[15].Add(c->postcode);
    a[16].Add(c->plaatsnaam);
    a[17].Add(c->telefoon);
  }
  // Unchanged clients are left alone (not counted as updated, updated_at kept).
  const pqxx::result r = tx.exec_params(
      "INSERT INTO client AS c (gemeente, domein, bsn, geboortedatum, geboortedatum_gebruik, "
      "geslacht, achternaam, voorvoegsel, voorletters, naam_gebruik, adres_soort, straatnaam, "
      "huisnummer, huisletter, huisnummer_toevoeging, postcode, plaatsnaam, telefoon) "
      "SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::date[], $5::text[], "
      "$6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], "
      "$13::integer[], $14::text[], $15::text[], $16::text[], $17::text[], $18::text[]) "
      "ON CONFLICT (gemeente, domein, bsn) DO UPDATE SET geboortedatum = EXCLUDED.geboortedatum, "
      "geboortedatum_gebruik = EXCLUDED.geboortedatum_gebruik, geslacht = EXCLUDED.geslacht, "
      "achternaam = EXCLUDED.achternaam, voorvoegsel = EXCLUDED.voorvoegsel, "
      "voorletters = EXCLUDED.voorletters, naam_gebruik = EXCLUDED.naam_gebruik, "
      "adres_soort = EXCLUDED.adres_soort, straatnaam = EXCLUDED.straatnaam, "
      "huisnummer = EXCLUDED.huisnummer, huisletter = EXCLUDED.huisletter, "
      "huisnummer_toevoeging = EXCLUDED.huisnummer_toevoeging, postcode = EXCLUDED.postcode, "
      "plaatsnaam = EXCLUDED.plaatsnaam, telefoon = EXCLUDED.telefoon, updated_at = now() "
      "WHERE (c.geboortedatum, c.geboortedatum_gebruik, c.geslacht, c.achternaam, c.voorvoegsel, "
      "c.voorletters, c.naam_gebruik, c.adres_soort, c.straatnaam, c.huisnummer, c.huisletter, "
      "c.huisnummer_toevoeging, c.postcode, c.plaatsnaam, c.telefoon) IS DISTINCT FROM "
      "(EXCLUDED.geboortedatum, EXCLUDED.geboortedatum_gebruik, EXCLUDED.geslacht, "
      "EXCLUDED.achternaam, EXCLUDED.voorvoegsel, EXCLUDED.voorletters, EXCLUDED.naam_gebruik, "
      "EXCLUDED.adres_soort, EXCLUDED.straatnaam, EXCLUDED.huisnummer, EXCLUDED.huisletter, "
      "EXCLUDED.huisnummer_toevoeging, EXCLUDED.postcode, EXCLUDED.plaatsnaam, "
      "EXCLUDED.telefoon) "
      "RETURNING (xmax = 0) AS inserted",
      a[0].Take(), a[1].Take(), a[2].Take(), a[3].Take(), a[4].Take(), a[5].Take(), a[6].Take(),
      a[7].Take(), a[8].Take(), a[9].Take(), a[10].Take(), a[11].Take(), a[12].Take(), a[13].Take(),
      a[14].Take(), a[15].Take(), a[16].Take(), a[17].Take());
  for (const pqxx::row& row : r) {
    if (row[0].as<bool>()) {
      ++counts.inserted;
    } else {
      ++counts.updated;
    }
  }
  return counts;
}

void LockToewijzingen(pqxx::work& tx) {
  tx.exec("SELECT pg_advisory_xact_lock(hashtext('sluis.toewijzing'))");
}

VersieCheck CheckVersies(pqxx::work& tx, const std::vector<ToewijzingVersie>& v) {
  VersieCheck out;
  out.duplicate.assign(v.size(), false);
  std::vector<bool> refused(v.size(), false);
  std::map<NummerKey, size_t> first_of_nummer;
  std::map<TimeKey, std::vector<size_t>> by_time;
  for (size_t i = 0; i < v.size(); ++i) {
    const auto [it, fresh] = first_of_nummer.emplace(KeyOf(v[i]), i);
    const ToewijzingVersie& first = v[it->second];
    if (!fresh && (first.agb != v[i].agb || first.bsn != v[i].bsn)) {
      out.problems.push_back(
          {i, VersieProblem::Kind::kNummerInBatch, it->second, first.agb.str(), first.bsn.str()});
      refused[i] = true;
      continue;
    }
    std::vector<size_t>& same_time = by_time[TimeKeyOf(v[i])];
    if (!same_time.empty()) {
      if (v[same_time.front()] == v[i]) {
        out.duplicate[i] = true;
      } else {
        out.problems.push_back({i, VersieProblem::Kind::kSameTimeInBatch, same_time.front()});
        refused[i] = true;
        continue;
      }
    }
    same_time.push_back(i);
  }
  if (v.empty()) return out;

  // TR332 against what is stored: the toewijzing row carries the agb and bsn of its versions.
  {
    ArrayLiteral g, d, n;
    for (const auto& [key, i] : first_of_nummer) {
      g.Add(std::get<0>(key));
      d.Add(Dom(std::get<1>(key)));
      n.Add(std::get<2>(key));
    }
    const pqxx::result r = tx.exec_params(
        "SELECT t.gemeente, t.domein, t.nummer, t.agb, t.bsn FROM toewijzing t "
        "JOIN unnest($1::text[], $2::text[], $3::bigint[]) AS k(gemeente, domein, nummer) "
        "USING (gemeente, domein, nummer)",
        g.Take(), d.Take(), n.Take());
    std::map<NummerKey, std::pair<std::string, std::string>> stored;
    for (const pqxx::row& row : r) {
      stored[{row[0].as<std::string>(),
              codecs::ParseDomeinName(row[1].c_str()).value_or(codecs::Domein::kWmo),
              row[2].as<int64_t>()}] = {row[3].as<std::string>(), row[4].as<std::string>()};
    }
    for (size_t i = 0; i < v.size(); ++i) {
      if (refused[i]) continue;
      const auto it = stored.find(KeyOf(v[i]));
      if (it == stored.end()) continue;
      if (it->second.first != v[i].agb.str() || it->second.second != v[i].bsn.str()) {
        out.problems.push_back(
            {i, VersieProblem::Kind::kNummerStored, 0, it->second.first, it->second.second});
        refused[i] = true;
      }
    }
  }

  // IV013: a stored version with the same datum + tijd is either this very version (a
  // duplicate, skipped) or a conflict nobody can order.
  {
    ArrayLiteral g, d, n, datum, tijd;
    for (const auto& [key, indexes] : by_time) {
      const ToewijzingVersie& x = v[indexes.front()];
      g.Add(x.gemeente.str());
      d.Add(Dom(x.domein));
      n.Add(x.nummer.value());
      datum.Add(x.toewijzingsdatum.ToString());
      tijd.Add(x.toewijzingstijd.ToString());
    }
    const pqxx::result r = tx.exec_params(
        std::string("SELECT ") + kVersieColumns +
            " FROM toewijzing_versie v JOIN unnest($1::text[], $2::text[], $3::bigint[], "
            "$4::date[], $5::time[]) AS k(gemeente, domein, nummer, datum, tijd) "
            "ON v.gemeente = k.gemeente AND v.domein = k.domein AND v.nummer = k.nummer "
            "AND v.toewijzingsdatum = k.datum AND v.toewijzingstijd = k.tijd",
        g.Take(), d.Take(), n.Take(), datum.Take(), tijd.Take());
    for (const pqxx::row& row : r) {
      const ToewijzingVersie stored = ReadVersie(row);
      const auto it = by_time.find(TimeKeyOf(stored));
      if (it == by_time.end()) continue;
      for (size_t i : it->second) {
        if (refused[i]) continue;
        if (stored == v[i]) {
          out.duplicate[i] = true;
        } else {
          out.problems.push_back({i, VersieProblem::Kind::kSameTimeStored});
          refused[i] = true;
        }
      }
    }
  }
  std::sort(out.problems.begin(), out.problems.end(),
            [](const VersieProblem& a, const VersieProblem& b) { return a.index < b.index; });
  return out;
}

std::vector<VersieOutcome> WriteVersies(pqxx::work& tx, const std::vector<ToewijzingVersie>& v,
                                        const std::vector<bool>& duplicate, Bron bron,
                                        std::optional<int64_t> bericht_id, const std::string& actor,
                                        Levering initial) {
  std::vector<VersieOutcome> outcomes(v.size(), VersieOutcome::kDuplicate);
  ArrayLiteral a[18];
  for (size_t i = 0; i < v.size(); ++i) {
    if (duplicate[i]) continue;
    const ToewijzingVersie& x = v[i];
    a[0].Add(x.gemeente.str());
    a[1].Add(Dom(x.domein));
    a[2].Add(x.nummer.value());
    a[3].Add(x.agb.str());
    a[4].Add(x.bsn.str());
    if (x.product) {
      a[5].Add(x.product->categorie);
      a[6].Add(x.product->code);
    } else {
      a[5].AddNull();
      a[6].AddNull();
    }
    a[7].Add(x.toewijzingsdatum.ToString());
    a[8].Add(x.toewijzingstijd.ToString());
    a[9].Add(x.ingangsdatum.ToString());
    a[10].Add(x.einddatum ? std::optional<std::string>(x.einddatum->ToString()) : std::nullopt);
    a[11].Add(x.reden_wijziging);
    if (x.omvang) {
      a[12].Add(x.omvang->volume);
      a[13].Add(x.omvang->eenheid);
      a[14].Add(x.omvang->frequentie);
    } else {
      a[12].AddNull();
      a[13].AddNull();
      a[14].AddNull();
    }
    a[15].Add(x.budget ? std::optional<int64_t>(x.budget->value()) : std::nullopt);
    a[16].Add(x.referentie_aanbieder);
    a[17].Add(x.commentaar);
  }
  if (a[0].size() == 0) return outcomes;

  const std::string bericht = bericht_id ? std::to_string(*bericht_id) : std::string();
  const pqxx::result inserted = tx.exec_params(
      "INSERT INTO toewijzing_versie (gemeente, domein, nummer, agb, bsn, categorie, code, "
      "toewijzingsdatum, toewijzingstijd, ingangsdatum, einddatum, reden_wijziging, volume, "
      "eenheid, frequentie, budget_cent, referentie_aanbieder, commentaar, bron, bericht_id, "
      "created_by) "
      "SELECT k.*, $19, NULLIF($20, '')::bigint, $21 FROM unnest($1::text[], $2::text[], "
      "$3::bigint[], $4::text[], $5::text[], $6::text[], $7::text[], $8::date[], $9::time[], "
      "$10::date[], $11::date[], $12::text[], $13::bigint[], $14::text[], $15::text[], "
      "$16::bigint[], $17::text[], $18::text[]) AS k "
      "RETURNING id, gemeente, domein, nummer, toewijzingsdatum, toewijzingstijd",
      a[0].Take(), a[1].Take(), a[2].Take(), a[3].Take(), a[4].Take(), a[5].Take(), a[6].Take(),
      a[7].Take(), a[8].Take(), a[9].Take(), a[10].Take(), a[11].Take(), a[12].Take(), a[13].Take(),
      a[14].Take(), a[15].Take(), a[16].Take(), a[17].Take(), std::string(BronName(bron)), bericht,
      actor);

  std::map<TimeKey, int64_t> id_of;
  ArrayLiteral ids;
  for (const pqxx::row& row : inserted) {
    const int64_t id = row[0].as<int64_t>();
    id_of[{row[1].as<std::string>(),
           codecs::ParseDomeinName(row[2].c_str()).value_or(codecs::Domein::kWmo),
           row[3].as<int64_t>(), DateOf(row[4]).days(), TimeOf(row[5]).millis()}] = id;
    ids.Add(id);
  }

  // IV013: the newest new version per toewijzing becomes current when the toewijzing has no
  // version yet or its current one is older.
  const pqxx::result moved = tx.exec_params(
      "INSERT INTO toewijzing AS t (gemeente, domein, nummer, versie_id, agb, bsn, levering, "
      "levering_bericht_id) "
      "SELECT DISTINCT ON (v.gemeente, v.domein, v.nummer) v.gemeente, v.domein, v.nummer, v.id, "
      "v.agb, v.bsn, $2, NULLIF($3, '')::bigint FROM toewijzing_versie v "
      "WHERE v.id = ANY($1::bigint[]) "
      "ORDER BY v.gemeente, v.domein, v.nummer, v.toewijzingsdatum DESC, v.toewijzingstijd DESC "
      "ON CONFLICT (gemeente, domein, nummer) DO UPDATE SET versie_id = EXCLUDED.versie_id, "
      "agb = EXCLUDED.agb, bsn = EXCLUDED.bsn, levering = EXCLUDED.levering, "
      "levering_bericht_id = EXCLUDED.levering_bericht_id, levering_codes = NULL, "
      "updated_at = now() "
      "WHERE (SELECT (c.toewijzingsdatum, c.toewijzingstijd) FROM toewijzing_versie c "
      "       WHERE c.id = t.versie_id) "
      "    < (SELECT (n.toewijzingsdatum, n.toewijzingstijd) FROM toewijzing_versie n "
      "       WHERE n.id = EXCLUDED.versie_id) "
      "RETURNING versie_id",
      ids.Take(), std::string(LeveringName(initial)), bericht);
  std::set<int64_t> current;
  for (const pqxx::row& row : moved) current.insert(row[0].as<int64_t>());

  for (size_t i = 0; i < v.size(); ++i) {
    if (duplicate[i]) continue;
    const auto it = id_of.find(TimeKeyOf(v[i]));
    outcomes[i] = it != id_of.end() && current.count(it->second) ? VersieOutcome::kCurrent
                                                                 : VersieOutcome::kHistorical;
  }
  return outcomes;
}

SaveVersiesResult StoreVersies(pqxx::work& tx, const std::vector<ToewijzingVersie>& v, Bron bron,
                               std::optional<int64_t> bericht_id, const std::string& actor,
                               Levering initial) {
  SaveVersiesResult result;
  LockToewijzingen(tx);
  const VersieCheck check = CheckVersies(tx, v);
  for (const VersieProblem& p : check.problems) {
    result.conflicts.push_back(
        {p.index,
         p.kind == VersieProblem::Kind::kNummerInBatch ||
                 p.kind == VersieProblem::Kind::kNummerStored
             ? "TR332"
             : "IV013",
         DescribeProblem(v[p.index], p,
                         "version " + std::to_string(p.other + 1) + " of the batch")});
  }
  if (!result.conflicts.empty()) return result;
  result.outcomes = WriteVersies(tx, v, check.duplicate, bron, bericht_id, actor, initial);
  return result;
}

std::string DescribeProblem(const ToewijzingVersie& v, const VersieProblem& p,
                            const std::string& other_place) {
  const std::string nummer = std::to_string(v.nummer.value());
  const std::string when = v.toewijzingsdatum.ToString() + " " + v.toewijzingstijd.ToString();
  switch (p.kind) {
    case VersieProblem::Kind::kNummerInBatch:
      return "TR332: toewijzingnummer " + nummer + " is used for agb " + p.agb + ", bsn " + p.bsn +
             " on " + other_place + " (one number per gemeente and domein)";
    case VersieProblem::Kind::kNummerStored:
      return "TR332: toewijzingnummer " + nummer + " is already used for agb " + p.agb + ", bsn " +
             p.bsn + " (one number per gemeente and domein)";
    case VersieProblem::Kind::kSameTimeInBatch:
      return "IV013: toewijzing " + nummer + " has another version with toewijzingsdatum/-tijd " +
             when + " on " + other_place;
    case VersieProblem::Kind::kSameTimeStored:
      return "IV013: toewijzing " + nummer +
             " already has a different version with "
             "toewijzingsdatum/-tijd " +
             when;
  }
  return "";
}

}  // namespace internal

// --- public functions ----------------------------------------------------------------------

void SaveClient(Connection& conn, const ClientGegevens& client) { SaveClients(conn, {client}); }

void SaveClients(Connection& conn, const std::vector<ClientGegevens>& clients) {
  // The last of each key wins; ON CONFLICT cannot touch one row twice in a statement.
  std::map<std::tuple<std::string, codecs::Domein, std::string>, const ClientGegevens*> last;
  for (const ClientGegevens& c : clients) last[{c.gemeente.str(), c.domein, c.bsn.str()}] = &c;
  std::vector<const ClientGegevens*> unique;
  for (const auto& [key, c] : last) unique.push_back(c);
  MapErrors([&] {
    pqxx::work tx(conn.impl().conn);
    internal::UpsertClients(tx, unique);
    tx.commit();
  });
}

namespace internal {

std::optional<ClientGegevens> LoadClientIn(pqxx::transaction_base& tx,
                                           const codecs::GemeenteCode& gemeente,
                                           codecs::Domein domein, const codecs::Bsn& bsn) {
  const pqxx::result r = tx.exec_params(
      "SELECT geboortedatum, geboortedatum_gebruik, geslacht, achternaam, voorvoegsel, "
      "voorletters, naam_gebruik, adres_soort, straatnaam, huisnummer, huisletter, "
      "huisnummer_toevoeging, postcode, plaatsnaam, telefoon FROM client "
      "WHERE gemeente = $1 AND domein = $2 AND bsn = $3",
      gemeente.str(), internal::Dom(domein), bsn.str());
  if (r.empty()) return std::nullopt;
  const pqxx::row row = r[0];
  ClientGegevens c;
  c.gemeente = gemeente;
  c.domein = domein;
  c.bsn = bsn;
  c.geboortedatum = internal::DateOf(row[0]);
  c.geboortedatum_gebruik = row[1].as<std::string>();
  c.geslacht = row[2].as<std::string>();
  c.achternaam = row[3].as<std::string>();
  c.voorvoegsel = internal::OptText(row[4]);
  c.voorletters = internal::OptText(row[5]);
  c.naam_gebruik = row[6].as<std::string>();
  c.adres_soort = row[7].as<std::string>();
  c.straatnaam = internal::OptText(row[8]);
  if (!row[9].is_null()) c.huisnummer = row[9].as<int64_t>();
  c.huisletter = internal::OptText(row[10]);
  c.huisnummer_toevoeging = internal::OptText(row[11]);
  c.postcode = internal::OptText(row[12]);
  c.plaatsnaam = internal::OptText(row[13]);
  c.telefoon = internal::OptText(row[14]);
  return c;
}

}  // namespace internal

std::optional<ClientGegevens> LoadClient(Connection& conn, const codecs::GemeenteCode& gemeente,
                                         codecs::Domein domein, const codecs::Bsn& bsn) {
  return MapErrors([&]() -> std::optional<ClientGegevens> {
    pqxx::work tx(conn.impl().conn);
    auto c = internal::LoadClientIn(tx, gemeente, domein, bsn);
    tx.commit();
    return c;
  });
}

SaveVersiesResult SaveVersies(Connection& conn, const std::vector<ToewijzingVersie>& v, Bron bron,
                              std::optional<int64_t> bericht_id, const std::string& actor,
                              Levering initial) {
  return MapErrors([&] {
    pqxx::work tx(conn.impl().conn);
    SaveVersiesResult result = internal::StoreVersies(tx, v, bron, bericht_id, actor, initial);
    if (result.ok()) tx.commit();
    return result;
  });
}

SaveVersiesResult SaveToewijzing301(Connection& conn, const workflow::Toewijzing301& t, Bron bron,
                                    std::optional<int64_t> bericht_id, const std::string& actor,
                                    Levering initial) {
  return MapErrors([&] {
    pqxx::work tx(conn.impl().conn);
    internal::UpsertClients(tx, {&t.client});
    SaveVersiesResult result =
        internal::StoreVersies(tx, t.versies, bron, bericht_id, actor, initial);
    if (result.ok()) tx.commit();
    return result;
  });
}

namespace {

constexpr char kActueelSelect[] =
    "SELECT v.id, v.bron, t.levering, t.levering_bericht_id, t.levering_codes, t.start_datum, "
    "t.stop_datum, t.reden_beeindiging, ";
constexpr int kActueelFixed = 8;

ActueleToewijzing ReadActueel(const pqxx::row& row) {
  ActueleToewijzing a;
  a.versie_id = row[0].as<int64_t>();
  a.bron = ParseBron(row[1].c_str()).value_or(Bron::kImport);
  a.levering = ParseLevering(row[2].c_str()).value_or(Levering::kTeVerzenden);
  if (!row[3].is_null()) a.levering_bericht_id = row[3].as<int64_t>();
  if (!row[4].is_null()) a.levering_codes = internal::ParseTextArray(row[4].c_str());
  a.start_datum = internal::OptDate(row[5]);
  a.stop_datum = internal::OptDate(row[6]);
  a.reden_beeindiging = internal::OptText(row[7]);
  a.versie = internal::ReadVersie(row, kActueelFixed);
  return a;
}

}  // namespace

namespace internal {

std::vector<ActueleToewijzing> LoadActueelIn(pqxx::transaction_base& tx,
                                             const codecs::GemeenteCode& gemeente,
                                             codecs::Domein domein, const codecs::AgbCode& agb,
                                             const codecs::Bsn& bsn) {
  const pqxx::result r =
      tx.exec_params(std::string(kActueelSelect) + internal::kVersieColumns +
                         " FROM toewijzing t JOIN toewijzing_versie v ON v.id = t.versie_id "
                         "WHERE t.gemeente = $1 AND t.domein = $2 AND t.agb = $3 AND t.bsn = $4 "
                         "ORDER BY t.nummer",
                     gemeente.str(), internal::Dom(domein), agb.str(), bsn.str());
  std::vector<ActueleToewijzing> out;
  for (const pqxx::row& row : r) out.push_back(ReadActueel(row));
  return out;
}

std::optional<ActueleToewijzing> LoadActueelByNummerIn(pqxx::transaction_base& tx,
                                                       const codecs::GemeenteCode& gemeente,
                                                       codecs::Domein domein,
                                                       codecs::ToewijzingNummer nummer) {
  const pqxx::result r =
      tx.exec_params(std::string(kActueelSelect) + internal::kVersieColumns +
                         " FROM toewijzing t JOIN toewijzing_versie v ON v.id = t.versie_id "
                         "WHERE t.gemeente = $1 AND t.domein = $2 AND t.nummer = $3",
                     gemeente.str(), internal::Dom(domein), nummer.value());
  if (r.empty()) return std::nullopt;
  return ReadActueel(r[0]);
}

}  // namespace internal

std::vector<ActueleToewijzing> LoadActueel(Connection& conn, const codecs::GemeenteCode& gemeente,
                                           codecs::Domein domein, const codecs::AgbCode& agb,
                                           const codecs::Bsn& bsn) {
  return MapErrors([&] {
    pqxx::work tx(conn.impl().conn);
    auto out = internal::LoadActueelIn(tx, gemeente, domein, agb, bsn);
    tx.commit();
    return out;
  });
}

std::optional<ActueleToewijzing> LoadActueelByNummer(Connection& conn,
                                                     const codecs::GemeenteCode& gemeente,
                                                     codecs::Domein domein,
                                                     codecs::ToewijzingNummer nummer) {
  return MapErrors([&] {
    pqxx::work tx(conn.impl().conn);
    auto out = internal::LoadActueelByNummerIn(tx, gemeente, domein, nummer);
    tx.commit();
    return out;
  });
}

std::vector<ToewijzingVersie> LoadVersies(Connection& conn, const codecs::GemeenteCode& gemeente,
                                          codecs::Domein domein, codecs::ToewijzingNummer nummer) {
  return MapErrors([&] {
    pqxx::work tx(conn.impl().conn);
    const pqxx::result r = tx.exec_params(
        std::string("SELECT ") + internal::kVersieColumns +
            " FROM toewijzing_versie v WHERE v.gemeente = $1 AND v.domein = $2 AND v.nummer = $3 "
            "ORDER BY v.toewijzingsdatum, v.toewijzingstijd",
        gemeente.str(), internal::Dom(domein), nummer.value());
    tx.commit();
    std::vector<ToewijzingVersie> out;
    for (const pqxx::row& row : r) out.push_back(internal::ReadVersie(row));
    return out;
  });
}

}  // namespace sluis::db
