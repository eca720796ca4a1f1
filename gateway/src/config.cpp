#include "config.h"

#include <algorithm>
#include <climits>
#include <filesystem>
#include <fstream>
#include <limits>
#include <set>
#include <sstream>

#include <toml++/toml.h>

#include "sluis/codecs/pain001.h"

namespace sluis::gateway {
namespace {

namespace fs = std::filesystem;

// Reads one TOML table, remembering which keys were used, so that a misspelt key is an error
// instead of a silently ignored setting.
class Section {
 public:
  Section(const toml::table& table, std::string prefix)
      : table_(table), prefix_(std::move(prefix)) {}

  std::string Key(std::string_view k) const {
    return prefix_.empty() ? std::string(k) : prefix_ + "." + std::string(k);
  }

  template <class T>
  std::optional<T> Get(std::string_view key) {
    used_.insert(std::string(key));
    const toml::node* n = table_.get(key);
    if (!n) return std::nullopt;
    if constexpr (std::is_same_v<T, std::string>) {
      if (auto v = n->value<std::string>()) return *v;
      Fail(key, "expected a string");
    } else if constexpr (std::is_same_v<T, bool>) {
      if (auto v = n->value<bool>()) return *v;
      Fail(key, "expected true or false");
    } else {
      if (auto v = n->value<int64_t>()) {
        if (*v < 0 || static_cast<uint64_t>(*v) > std::numeric_limits<T>::max()) {
          Fail(key, "out of range");
        }
        return static_cast<T>(*v);
      }
      Fail(key, "expected an integer");
    }
  }

  template <class T>
  void Read(std::string_view key, T& out) {
    if (auto v = Get<T>(key)) out = *v;
  }

  // An array of strings; absent leaves `out` as it is.
  void ReadStrings(std::string_view key, std::vector<std::string>& out) {
    used_.insert(std::string(key));
    const toml::node* n = table_.get(key);
    if (!n) return;
    const toml::array* a = n->as_array();
    if (!a) Fail(key, "expected an array of strings");
    out.clear();
    for (const toml::node& el : *a) {
      auto v = el.value<std::string>();
      if (!v) Fail(key, "expected an array of strings");
      out.push_back(*v);
    }
  }

  // [[key]] tables; absent means none.
  std::vector<Section> Tables(std::string_view key) {
    used_.insert(std::string(key));
    const toml::node* n = table_.get(key);
    if (!n) return {};
    if (!n->is_array_of_tables()) Fail(key, "expected [[" + Key(key) + "]] tables");
    std::vector<Section> out;
    size_t i = 0;
    for (const toml::node& el : *n->as_array()) {
      out.emplace_back(*el.as_table(), Key(key) + "[" + std::to_string(i++) + "]");
    }
    return out;
  }

  // A sub-table; absent means all defaults.
  Section Sub(std::string_view key) {
    used_.insert(std::string(key));
    const toml::node* n = table_.get(key);
    if (n && !n->is_table()) Fail(key, "expected a table [" + Key(key) + "]");
    static const toml::table kEmpty;
    return Section(n ? *n->as_table() : kEmpty, Key(key));
  }

  void RejectUnknown() const {
    for (const auto& [k, v] : table_) {
      if (!used_.count(std::string(k.str()))) {
        std::ostringstream msg;
        msg << "config: unknown key '" << Key(k.str()) << "'";
        if (v.source().begin) msg << " (line " << v.source().begin.line << ")";
        throw ConfigError(msg.str());
      }
    }
  }

  const toml::table& table() const { return table_; }

  [[noreturn]] void Fail(std::string_view key, const std::string& why) const {
    throw ConfigError("config: " + Key(key) + ": " + why);
  }

 private:
  const toml::table& table_;
  std::string prefix_;
  std::set<std::string> used_;
};

std::string ResolvePath(const std::string& base_dir, const std::string& p) {
  if (p.empty() || fs::path(p).is_absolute()) return p;
  return (fs::path(base_dir) / p).lexically_normal().string();
}

void RequireFile(Section& s, std::string_view key, std::string& path, const std::string& base) {
  path = ResolvePath(base, path);
  if (path.empty()) s.Fail(key, "missing (a file path is required)");
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) s.Fail(key, "file not found: " + path);
}

void ReadListener(Section s, ListenerConfig& l) {
  s.Read("address", l.address);
  s.Read("port", l.port);
  s.Read("max_connections", l.max_connections);
  s.Read("header_timeout_ms", l.header_timeout_ms);
  s.Read("body_timeout_ms", l.body_timeout_ms);
  s.Read("idle_timeout_ms", l.idle_timeout_ms);
  s.Read("max_body_bytes", l.max_body_bytes);
  s.RejectUnknown();
  if (l.address.empty()) s.Fail("address", "must not be empty");
  if (l.max_connections == 0) s.Fail("max_connections", "must be at least 1");
}

bool IsGemeenteCode(const std::string& s) {
  return s.size() == 4 &&
         std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

void ReadWorker(Section s, WorkerConfig& w) {
  s.Read("enabled", w.enabled);
  s.Read("poll_interval_ms", w.poll_interval_ms);
  s.Read("batch", w.batch);
  s.RejectUnknown();
  if (w.poll_interval_ms == 0) s.Fail("poll_interval_ms", "must be at least 1");
  if (w.batch == 0) s.Fail("batch", "must be at least 1");
}

void ReadGemeente(Section s, GemeenteConfig& g) {
  s.Read("oin", g.oin);
  s.ReadStrings("gemeentecodes", g.gemeentecodes);
  s.Read("stuf_applicatie", g.stuf_applicatie);
  s.Read("stuf_administratie", g.stuf_administratie);
  s.RejectUnknown();
  for (const std::string& code : g.gemeentecodes) {
    if (!IsGemeenteCode(code)) s.Fail("gemeentecodes", "'" + code + "' is not a 4-digit CBS code");
  }
  if (g.stuf_applicatie.size() < 3 || g.stuf_applicatie.size() > 50) {
    s.Fail("stuf_applicatie", "must be 3 to 50 characters (StUF Applicatie)");
  }
}

void ReadGgk(Section s, GgkConfig& g, const std::string& base) {
  s.Read("name", g.name);
  s.Read("cpa_file", g.cpa_file);
  s.Read("party_id", g.party_id);
  s.Read("party_id_type", g.party_id_type);
  s.Read("service", g.service);
  s.Read("action_di01", g.action_di01);
  s.Read("action_du01", g.action_du01);
  s.Read("action_fo01", g.action_fo01);
  s.ReadStrings("gemeentecodes", g.gemeentecodes);
  s.RejectUnknown();
  RequireFile(s, "cpa_file", g.cpa_file, base);
  if (g.party_id.empty()) s.Fail("party_id", "missing (our PartyId in the CPA)");
  const std::pair<const char*, const std::string*> required[] = {{"name", &g.name},
                                                                 {"action_di01", &g.action_di01},
                                                                 {"action_du01", &g.action_du01},
                                                                 {"action_fo01", &g.action_fo01}};
  for (const auto& [key, value] : required) {
    if (value->empty()) s.Fail(key, "must not be empty");
  }
  for (const std::string& code : g.gemeentecodes) {
    if (!IsGemeenteCode(code)) s.Fail("gemeentecodes", "'" + code + "' is not a 4-digit CBS code");
  }
}

void ReadOutbox(Section s, OutboxConfig& o) {
  s.Read("enabled", o.enabled);
  s.Read("worker_id", o.worker_id);
  s.Read("max_in_flight", o.max_in_flight);
  s.Read("claim_batch", o.claim_batch);
  s.Read("poll_interval_ms", o.poll_interval_ms);
  s.Read("connect_timeout_ms", o.connect_timeout_ms);
  s.Read("request_timeout_ms", o.request_timeout_ms);
  s.Read("lease_ms", o.lease_ms);
  s.Read("max_idle_per_endpoint", o.max_idle_per_endpoint);
  s.Read("signal_retries", o.signal_retries);
  s.Read("signal_retry_interval_ms", o.signal_retry_interval_ms);
  s.Read("signal_persist_ms", o.signal_persist_ms);
  s.RejectUnknown();
  if (o.max_in_flight == 0) s.Fail("max_in_flight", "must be at least 1");
  if (o.claim_batch == 0) s.Fail("claim_batch", "must be at least 1");
  if (o.poll_interval_ms == 0) s.Fail("poll_interval_ms", "must be at least 1");
  const uint64_t minimum = uint64_t{o.connect_timeout_ms} + o.request_timeout_ms;
  if (o.lease_ms == 0) {
    o.lease_ms = static_cast<uint32_t>(std::min<uint64_t>(minimum + 30'000, UINT32_MAX));
  } else if (o.lease_ms <= minimum) {
    // A lease shorter than one attempt would let another process send the same message while
    // this one is still waiting for the answer.
    s.Fail("lease_ms", "must be longer than connect_timeout_ms + request_timeout_ms");
  }
}

void CheckDatabaseUrl(Section& s, const std::string& url) {
  // libpq accepts postgresql:// or postgres:// URLs and key=value strings.
  const bool is_url = url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0;
  const bool is_kv = url.find('=') != std::string::npos && url.find("://") == std::string::npos;
  if (!is_url && !is_kv) s.Fail("url", "not a PostgreSQL URL (postgresql://user@host:port/db)");
}

// debtor_naam, debtor_iban, debtor_bic of [betaling] or [betaling.gemeente.NNNN]: all or none
// of naam and iban, a valid SEPA IBAN, a valid BIC when given.
void ReadDebiteur(Section& s, DebiteurConfig& d) {
  s.Read("debtor_naam", d.naam);
  s.Read("debtor_iban", d.iban);
  s.Read("debtor_bic", d.bic);
  d.iban = codecs::NormalizeIban(d.iban);
  if (d.naam.empty() && d.iban.empty() && d.bic.empty()) return;
  if (codecs::SepaText(d.naam, codecs::kSepaNameLength).empty()) {
    s.Fail("debtor_naam", "missing (the gemeente's name on the payment file)");
  }
  if (!codecs::IsValidIban(d.iban)) s.Fail("debtor_iban", "not a valid SEPA IBAN");
  if (!d.bic.empty() && !codecs::IsValidBic(d.bic)) s.Fail("debtor_bic", "not a valid BIC");
}

void ReadBetaling(Section s, BetalingConfig& b) {
  ReadDebiteur(s, b.debiteur);
  Section per = s.Sub("gemeente");
  for (const auto& [key, node] : per.table()) {
    const std::string code(key.str());
    if (!codecs::IsGemeenteFormat(code)) per.Fail(code, "not a gemeentecode (4 digits)");
    Section g = per.Sub(code);
    DebiteurConfig d;
    ReadDebiteur(g, d);
    g.RejectUnknown();
    if (d.naam.empty()) g.Fail("debtor_naam", "missing");
    b.per_gemeente[code] = d;
  }
  per.RejectUnknown();
  s.RejectUnknown();
}

}  // namespace

const DebiteurConfig* BetalingConfig::DebiteurVoor(const std::string& gemeente) const {
  if (const auto it = per_gemeente.find(gemeente); it != per_gemeente.end()) return &it->second;
  return debiteur.naam.empty() ? nullptr : &debiteur;
}

Config ParseConfig(const std::string& text, const std::string& base_dir,
                   const std::string& source_name) {
  toml::table root;
  try {
    root = toml::parse(text, source_name);
  } catch (const toml::parse_error& e) {
    std::ostringstream msg;
    msg << "config: " << source_name << " line " << e.source().begin.line << ": "
        << e.description();
    throw ConfigError(msg.str());
  }
  Config c;
  Section top(root, "");
  top.Read("shared_dir", c.shared_dir);
  top.Read("io_threads", c.io_threads);
  ReadListener(top.Sub("ebms"), c.ebms);
  ReadListener(top.Sub("admin"), c.admin);
  {
    Section s = top.Sub("tls");
    s.Read("cert_file", c.tls.cert_file);
    s.Read("key_file", c.tls.key_file);
    s.Read("ca_file", c.tls.ca_file);
    s.RejectUnknown();
    RequireFile(s, "cert_file", c.tls.cert_file, base_dir);
    RequireFile(s, "key_file", c.tls.key_file, base_dir);
    RequireFile(s, "ca_file", c.tls.ca_file, base_dir);
  }
  {
    Section s = top.Sub("database");
    s.Read("url", c.database.url);
    s.Read("url_file", c.database.url_file);
    s.Read("pool_size", c.database.pool_size);
    s.Read("auto_migrate", c.database.auto_migrate);
    s.RejectUnknown();
    if (!c.database.url.empty() && !c.database.url_file.empty()) {
      s.Fail("url", "set either url or url_file, not both");
    }
    if (!c.database.url_file.empty()) {
      RequireFile(s, "url_file", c.database.url_file, base_dir);
    } else if (c.database.url.empty()) {
      s.Fail("url", "missing (or set url_file)");
    }
    if (!c.database.url.empty()) CheckDatabaseUrl(s, c.database.url);
    if (c.database.pool_size == 0) s.Fail("pool_size", "must be at least 1");
  }
  ReadGemeente(top.Sub("gemeente"), c.gemeente);
  for (Section& s : top.Tables("ggk")) {
    c.ggk.emplace_back();
    ReadGgk(s, c.ggk.back(), base_dir);
  }
  if (!c.ggk.empty() && c.gemeente.gemeentecodes.empty()) {
    top.Fail("gemeente", "gemeentecodes is required when a [[ggk]] connection is configured");
  }
  ReadOutbox(top.Sub("outbox"), c.outbox);
  ReadWorker(top.Sub("unpack"), c.unpack);
  ReadWorker(top.Sub("pack"), c.pack);
  {
    Section s = top.Sub("inbox");
    s.Read("hh_zes_weken_per_periode", c.hh_zes_weken_per_periode);
    s.Read("workers", c.inbox.workers);
    if (c.inbox.workers == 0 || c.inbox.workers > 16) s.Fail("workers", "must be 1 to 16");
    s.Read("per_transaction", c.inbox.per_transaction);
    if (c.inbox.per_transaction == 0 || c.inbox.per_transaction > 256) {
      s.Fail("per_transaction", "must be 1 to 256");
    }
    ReadWorker(s, c.inbox);
  }
  {
    Section s = top.Sub("deadlines");
    s.Read("webhook_url", c.alert_webhook_url);
    if (!c.alert_webhook_url.empty() && c.alert_webhook_url.rfind("https://", 0) != 0) {
      s.Fail("webhook_url", "must be an https:// URL");
    }
    ReadWorker(s, c.deadlines);
  }
  top.Read("store_batch", c.store_batch);
  if (c.store_batch == 0) top.Fail("store_batch", "must be at least 1");
  {
    Section s = top.Sub("log");
    s.Read("level", c.log.level);
    s.RejectUnknown();
    if (c.log.level != "debug" && c.log.level != "info" && c.log.level != "warn" &&
        c.log.level != "error") {
      s.Fail("level", "must be debug, info, warn or error");
    }
  }
  ReadBetaling(top.Sub("betaling"), c.betaling);
  {
    Section s = top.Sub("ui");
    s.Read("session_minutes", c.ui.session_minutes);
    s.Read("max_failed_logins", c.ui.max_failed_logins);
    s.Read("max_failed_logins_per_address", c.ui.max_failed_logins_per_address);
    s.Read("throttle_minutes", c.ui.throttle_minutes);
    s.RejectUnknown();
    if (c.ui.session_minutes == 0) s.Fail("session_minutes", "must be at least 1");
    if (c.ui.max_failed_logins == 0) s.Fail("max_failed_logins", "must be at least 1");
  }
  top.RejectUnknown();
  if (c.shared_dir.empty()) top.Fail("shared_dir", "missing (the directory with istandaarden/)");
  c.shared_dir = ResolvePath(base_dir, c.shared_dir);
  std::error_code ec;
  if (!fs::is_directory(fs::path(c.shared_dir) / "istandaarden", ec)) {
    top.Fail("shared_dir", "no istandaarden/ directory in " + c.shared_dir);
  }
  if (c.io_threads == 0) top.Fail("io_threads", "must be at least 1");
  return c;
}

Config LoadConfig(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ConfigError("config: cannot read " + path);
  std::ostringstream text;
  text << in.rdbuf();
  const fs::path abs = fs::absolute(path);
  Config c = ParseConfig(text.str(), abs.parent_path().string(), path);
  c.config_path = abs.string();
  return c;
}

std::string ResolveDatabaseUrl(const DatabaseConfig& db) {
  if (db.url_file.empty()) return db.url;
  std::ifstream in(db.url_file);
  std::string url;
  std::getline(in, url);
  while (!url.empty() && (url.back() == '\r' || url.back() == ' ')) url.pop_back();
  if (url.empty()) throw ConfigError("config: database.url_file: " + db.url_file + " is empty");
  return url;
}

}  // namespace sluis::gateway
