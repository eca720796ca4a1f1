#include "replay/replay.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "sluis/codecs/payload.h"
#include "sluis/codecs/stuf.h"
#include "sluis/codecs/validate.h"
#include "sluis/db/berichten.h"
#include "sluis/db/inbox.h"
#include "sluis/db/migrations.h"
#include "sluis/db/reference.h"
#include "sluis/db/toewijzingen.h"
#include "sluis/db/verzoeken.h"
#include "sluis/workflow/toewijzing.h"

namespace sluis::gateway {
namespace {

namespace fs = std::filesystem;
using codecs::BerichtType;
using nlohmann::json;

constexpr const char* kActor = "replay";

std::string ReadAll(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void WriteAll(const fs::path& p, const std::string& content) {
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out << content;
  if (!out) throw std::runtime_error("cannot write " + p.string());
}

// "003-WMO323@2026-02-02" -> 2026-02-02.
std::optional<codecs::Date> ReceivedOverride(const std::string& stem) {
  const size_t at = stem.rfind('@');
  if (at == std::string::npos) return std::nullopt;
  return codecs::Date::Parse(stem.substr(at + 1));
}

// "003-WMO323@2026-02-02" -> "003".
std::string Prefix(const std::string& stem) {
  const size_t dash = stem.find('-');
  return dash == std::string::npos ? stem : stem.substr(0, dash);
}

json Codes(const std::vector<std::string>& codes) { return json(codes); }

std::string Euro(int64_t cents) { return codecs::Cents(cents).ToDecimalString(); }

bool LoadReference(db::Connection& conn, const fs::path& dir, ReplayResult& r) {
  std::vector<db::ImportFile> files;
  for (const db::ImportKind kind : db::kImportOrder) {
    const fs::path p = dir / db::ImportFileName(kind);
    if (fs::exists(p)) files.push_back({kind, p.filename().string(), ReadAll(p)});
  }
  if (files.empty()) {
    r.errors.push_back("no reference CSV files in " + dir.string());
    return false;
  }
  const db::ImportSetReport report = db::ImportSet(conn, std::move(files), kActor);
  json loaded = json::array();
  for (const auto& f : report.files) loaded.push_back(f.Summary());
  r.summary["reference"] = loaded;
  if (!report.committed) {
    for (const auto& e : report.AllErrors()) r.errors.push_back(e.ToString());
    return false;
  }
  return true;
}

json DeclaratieJson(const db::DeclaratieUitkomst& d, const std::string& file,
                    const std::string& antwoord_file) {
  json out = {{"file", file},
              {"identificatie", d.identificatie},
              {"declaratienummer", d.declaratienummer},
              {"agb", d.agb},
              {"status", d.status},
              {"afgewezen_codes", Codes(d.afgewezen_codes)},
              {"ingediend", Euro(d.ingediend_cent)},
              {"toegekend", Euro(d.toegekend_cent)},
              {"antwoord", antwoord_file}};
  int64_t goed = 0, af = 0;
  json prestaties = json::object(), clienten = json::object();
  for (const auto& p : d.prestaties) {
    (p.status == "goedgekeurd" ? goed : af) += p.bedrag_cent;
    prestaties[p.referentienummer] = Codes(p.retourcodes);
    if (!p.client_retourcodes.empty()) clienten[p.bsn] = Codes(p.client_retourcodes);
  }
  out["goedgekeurd"] = {{"aantal", d.aantal_goedgekeurd}, {"bedrag", Euro(goed)}};
  out["afgekeurd"] = {{"aantal", d.aantal_afgekeurd + d.aantal_niet_beoordeeld},
                      {"bedrag", Euro(af)}};
  out["prestaties"] = prestaties;
  out["client_codes"] = clienten;
  return out;
}

class Replayer {
 public:
  Replayer(const ReplayOptions& o, db::Connection& conn, ReplayResult& r)
      : o_(o),
        conn_(conn),
        r_(r),
        inbox_({o.schemas, workflow::WorkingDayCalendar(), o.beleid}),
        clock_(workflow::TimePoint{}) {}

  void File(const fs::path& path) {
    const std::string name = path.filename().string();
    const std::string stem = path.stem().string();
    const std::string bytes = ReadAll(path);
    json entry = {{"file", name}};
    const codecs::ValidationReport report = codecs::ValidateDocument(*o_.schemas, bytes);
    const auto kind = codecs::FromFunctie(report.label);
    if (report.kind != codecs::DocumentKind::kPayload || !kind) {
      entry["outcome"] = "refused";
      entry["detail"] = "not an iWmo/iJw 3.2 message";
      Fail(entry);
      return;
    }
    entry["type"] = report.label;
    const bool received = codecs::GemeenteReceives(kind->second);
    const auto parsed = codecs::ParseBericht(bytes);
    const std::optional<codecs::Date> override_day = ReceivedOverride(stem);
    if (parsed) {
      const codecs::Date day =
          override_day.value_or(codecs::HeaderOf(*parsed).bericht_identificatie.dagtekening);
      clock_.Set(workflow::DutchMidnight(day) + std::chrono::hours(9));
      entry["at"] = day.ToString();
    } else if (override_day) {
      clock_.Set(workflow::DutchMidnight(*override_day) + std::chrono::hours(9));
    }
    std::vector<std::string> level1;
    for (const auto& f : report.findings) {
      if (f.level == 1) level1.push_back(f.ToString());
    }
    if (!parsed && level1.empty()) level1.push_back(parsed.error().ToString());
    if (!level1.empty()) {
      entry["findings"] = level1;
      if (!received) {
        entry["outcome"] = "refused";
        entry["detail"] = "our own message does not pass its XSD";
        Fail(entry);
        return;
      }
      // Level 1 gets no retour but a Fo01 StUF055 (IV032/IV088); what was received stays.
      entry["outcome"] = "xsd_rejected";
      if (parsed) Register(*parsed, bytes, "in", "xsd_rejected", level1.front());
      entry["answers"] = {WriteFo01(stem, report.label, parsed ? &*parsed : nullptr, level1)};
      r_.summary["messages"].push_back(entry);
      return;
    }
    const codecs::Bericht& b = *parsed;
    if (received) {
      Register(b, bytes, "in", "queued", "");
      json answers = json::array();
      json outcomes = json::array();
      while (const auto result = inbox_.ProcessNext(conn_, clock_)) {
        outcomes.push_back(result->outcome + ": " + result->detail);
        if (result->type == BerichtType::k323) declaraties_.emplace_back(result->bericht_id, name);
      }
      for (const auto& out : db::ListOutgoing(conn_, "queued")) {
        answers.push_back(WriteAnswer(stem, out));
        db::SetBerichtState(conn_, out.id, "replayed");
      }
      if (outcomes.empty()) outcomes.push_back("queued: Sluis does not handle this message yet");
      entry["outcome"] = outcomes.size() == 1 ? outcomes[0] : json(outcomes);
      entry["answers"] = answers;
    } else {
      Sent(b, bytes, entry);
    }
    r_.summary["messages"].push_back(entry);
  }

  // NNN-besluit.json: the back office's decision on a verzoek, made through the same functions
  // the API calls (sluis/db/verzoeken.h); Sluis writes the 301 or 319 it sends.
  void Besluit(const fs::path& path) {
    const std::string name = path.filename().string();
    json entry = {{"file", name}};
    json in;
    try {
      in = json::parse(ReadAll(path));
    } catch (const std::exception& e) {
      entry["outcome"] = "refused";
      entry["detail"] = std::string("not JSON: ") + e.what();
      Fail(entry);
      return;
    }
    try {
      ApplyBesluit(in, path, entry);
    } catch (const json::exception& e) {  // a field of the wrong type
      entry["outcome"] = "refused";
      entry["detail"] = std::string("besluit file: ") + e.what();
      Fail(entry);
    }
  }

  void ApplyBesluit(const json& in, const fs::path& path, json& entry) {
    if (!in.is_object()) throw json::type_error::create(302, "expected a JSON object", &in);
    const std::string besluit = in.value("besluit", "");
    const std::string referentie = in.value("referentie", "");
    entry["besluit"] = besluit;
    entry["referentie"] = referentie;
    if (in.contains("op")) {
      const auto day = codecs::Date::Parse(in.at("op").get<std::string>());
      if (day) clock_.Set(workflow::DutchMidnight(*day) + std::chrono::hours(14));
    }
    entry["at"] = workflow::DutchDate(clock_.Now()).ToString();
    const auto domein = codecs::ParseDomeinName(in.value("domein", "wmo"));
    const auto v =
        db::FindVerzoek(conn_, in.value("gemeente", ""), domein.value_or(codecs::Domein::kWmo),
                        in.value("agb", ""), referentie);
    // TR355: an answer on nothing we received is refused like any other broken rule.
    const int64_t id = v ? v->id : 0;
    const db::BesluitConfig config{o_.schemas, workflow::WorkingDayCalendar()};
    try {
      db::BesluitUitkomst u;
      if (besluit == "toewijzen") {
        db::ToewijzenOpties opties;
        if (in.contains("nummer")) opties.eerste_nummer = in.at("nummer").get<int64_t>();
        u = db::Toewijzen(conn_, config, id, opties, kActor, clock_);
      } else if (besluit == "afwijzen") {
        std::optional<std::string> wpb;
        if (in.contains("woonplaatsbeginsel")) wpb = in.at("woonplaatsbeginsel").get<std::string>();
        u = db::Afwijzen(conn_, config, id, in.value("reden", ""), wpb, kActor, clock_);
      } else if (besluit == "onderzoek") {
        u = db::InOnderzoek(conn_, config, id, kActor, clock_);
      } else {
        entry["outcome"] = "refused";
        entry["detail"] = "besluit must be toewijzen, afwijzen or onderzoek";
        Fail(entry);
        return;
      }
      entry["outcome"] = std::to_string(codecs::Nummer(u.type)) + " " + u.identificatie;
    } catch (const db::RefusedError& e) {
      entry["outcome"] = std::string("refused: ") + e.what();
    }
    json answers = json::array();
    for (const auto& out : db::ListOutgoing(conn_, "queued")) {
      answers.push_back(WriteAnswer(path.stem().string(), out));
      db::SetBerichtState(conn_, out.id, "replayed");
    }
    entry["answers"] = answers;
    r_.summary["messages"].push_back(entry);
  }

  void Summarise() {
    json verzoeken = json::array();
    for (const auto& v : db::AlleVerzoeken(conn_)) {
      verzoeken.push_back({{"referentie", v.referentie_aanbieder},
                           {"type", codecs::Nummer(v.type)},
                           {"agb", v.agb},
                           {"status", v.status},
                           {"besluit_uiterlijk", v.besluit_uiterlijk.ToString()},
                           {"reden_afwijzing", v.reden_afwijzing.value_or("")}});
    }
    r_.summary["verzoeken"] = verzoeken;
    json list = json::array();
    for (const auto& [bericht_id, file] : declaraties_) {
      const auto d = db::LoadDeclaratieByBericht(conn_, bericht_id);
      if (!d) continue;
      std::string antwoord;
      if (d->antwoord_bericht_id) antwoord = answer_files_[*d->antwoord_bericht_id];
      list.push_back(DeclaratieJson(*d, file, antwoord));
    }
    r_.summary["declaraties"] = list;
  }

 private:
  int64_t Register(const codecs::Bericht& b, const std::string& bytes, const char* direction,
                   const char* state, const std::string& error) {
    const codecs::Header& h = codecs::HeaderOf(b);
    db::NieuwBericht n;
    n.direction = direction;
    n.domein = codecs::DomeinOf(b);
    n.type = codecs::TypeOf(b);
    n.gemeente = h.gemeente.str();
    n.agb = h.aanbieder.str();
    n.identificatie = h.bericht_identificatie.identificatie;
    n.dagtekening = h.bericht_identificatie.dagtekening;
    n.payload = bytes;
    n.state = state;
    if (!error.empty()) n.error = error;
    n.created_at = clock_.Now();
    return db::RegisterBericht(conn_, n);
  }

  // A message the gemeente sent: its effect on Sluis' state.
  void Sent(const codecs::Bericht& b, const std::string& bytes, json& entry) {
    const int64_t id = Register(b, bytes, "out", "replayed", "");
    if (codecs::TypeOf(b) == BerichtType::k301) {
      const auto t = workflow::FromBericht301(std::get<codecs::Bericht301>(b));
      const db::SaveVersiesResult saved =
          db::SaveToewijzing301(conn_, t, db::Bron::k301, id, kActor, db::Levering::kVerzonden);
      if (!saved.ok()) {
        entry["outcome"] = "refused";
        json why = json::array();
        for (const auto& c : saved.conflicts) why.push_back(c.rule + ": " + c.message);
        entry["detail"] = why;
        Fail(entry);
        return;
      }
      entry["outcome"] = "toewijzingen: " + std::to_string(t.versies.size());
    } else {
      entry["outcome"] = "recorded";
    }
  }

  std::string WriteAnswer(const std::string& stem, const db::OpgeslagenBericht& out) {
    const std::string file = Prefix(stem) + "-" +
                             std::string(codecs::Functie(out.domein, out.type)) + "-" +
                             out.identificatie + ".xml";
    WriteAll(fs::path(o_.out_dir) / file, out.payload);
    r_.written.push_back(file);
    answer_files_[out.id] = file;
    return file;
  }

  // The Fo01 for a payload that failed level 1; without a readable header the parties are
  // unknown ("onbekend").
  std::string WriteFo01(const std::string& stem, const std::string& functie,
                        const codecs::Bericht* b, const std::vector<std::string>& findings) {
    codecs::stuf::Envelope received;
    received.zender = {b ? codecs::HeaderOf(*b).aanbieder.str() : "onbekend", "replay",
                       std::nullopt, std::nullopt};
    received.ontvanger = {b ? codecs::HeaderOf(*b).gemeente.str() : "onbekend", "Sluis",
                          std::nullopt, std::nullopt};
    received.referentienummer = Uuid(++uuid_counter_);
    received.functie = functie;
    std::string reason;
    for (const auto& f : findings) reason += f + "\n";
    const codecs::stuf::Fo01 fo01 = codecs::stuf::MakeStuf055(
        received, received.ontvanger, Uuid(++uuid_counter_),
        codecs::stuf::Tijdstip(clock_.Now(), workflow::DutchUtcOffsetMillis(clock_.Now())), reason);
    const std::string file = Prefix(stem) + "-Fo01.xml";
    WriteAll(fs::path(o_.out_dir) / file, codecs::stuf::Encode(fo01));
    r_.written.push_back(file);
    return file;
  }

  // Replays are reproducible: UUIDs from a counter, not from entropy.
  static std::string Uuid(uint64_t n) {
    std::array<uint8_t, 16> bytes{};
    for (int i = 0; i < 8; ++i) bytes[15 - i] = static_cast<uint8_t>(n >> (8 * i));
    return codecs::stuf::UuidV4FromBytes(bytes);
  }

  void Fail(json& entry) {
    r_.ok = false;
    r_.errors.push_back(entry["file"].get<std::string>() + ": " + entry["detail"].dump());
    r_.summary["messages"].push_back(entry);
  }

  const ReplayOptions& o_;
  db::Connection& conn_;
  ReplayResult& r_;
  db::Inbox inbox_;
  workflow::ManualClock clock_;
  std::vector<std::pair<int64_t, std::string>> declaraties_;  // 323 bericht id, file
  std::map<int64_t, std::string> answer_files_;               // bericht id -> file written
  uint64_t uuid_counter_ = 0;
};

}  // namespace

ReplayResult Replay(const ReplayOptions& o) {
  ReplayResult r;
  r.summary = {{"in", o.in_dir},
               {"messages", json::array()},
               {"declaraties", json::array()},
               {"verzoeken", json::array()}};
  db::Connection conn(o.db_url);
  db::Migrate(conn);
  const fs::path in(o.in_dir);
  const fs::path reference = o.reference_dir ? fs::path(*o.reference_dir) : in / "reference";
  if ((o.reference_dir || fs::exists(reference)) && !LoadReference(conn, reference, r)) {
    r.ok = false;
    return r;
  }
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(in)) {
    if (!e.is_regular_file()) continue;
    const std::string name = e.path().filename().string();
    if (e.path().extension() == ".xml" || name.ends_with("-besluit.json")) {
      files.push_back(e.path());
    }
  }
  std::sort(files.begin(), files.end());
  fs::create_directories(o.out_dir);
  Replayer replayer(o, conn, r);
  for (const fs::path& f : files) {
    if (f.extension() == ".json") {
      replayer.Besluit(f);
    } else {
      replayer.File(f);
    }
  }
  replayer.Summarise();
  WriteAll(fs::path(o.out_dir) / "summary.json", r.summary.dump(2) + "\n");
  return r;
}

}  // namespace sluis::gateway
