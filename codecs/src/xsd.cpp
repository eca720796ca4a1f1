#include "sluis/codecs/xsd.h"

#include <array>
#include <filesystem>
#include <map>
#include <mutex>
#include <regex>
#include <string>

#include <libxml/parser.h>
#include <libxml/xmlIO.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>

#include "xml/xml_input.h"

namespace sluis::codecs {
namespace {

namespace fs = std::filesystem;

// --- the global entity loader: local files only, case-insensitive, never the network ---

std::mutex g_loader_mu;
std::vector<std::string> g_remote_dirs;  // where remote schemaLocations are looked up by name
xmlExternalEntityLoader g_default_loader = nullptr;

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// The file in dir whose name equals `name` ignoring case, or "".
std::string FindIgnoringCase(const fs::path& dir, const std::string& name) {
  std::error_code ec;
  if (fs::exists(dir / name, ec)) return (dir / name).string();
  const std::string want = Lower(name);
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    if (Lower(e.path().filename().string()) == want) return e.path().string();
  }
  return {};
}

xmlParserInputPtr LocalOnlyLoader(const char* url, const char* id, xmlParserCtxtPtr ctxt) {
  if (!url) return nullptr;
  std::string u = url;
  if (u.rfind("file://", 0) == 0) u = u.substr(7);
  const bool remote = u.find("://") != std::string::npos;
  std::string path;
  if (remote) {
    const std::string name = u.substr(u.find_last_of('/') + 1);
    std::lock_guard<std::mutex> lock(g_loader_mu);
    for (const std::string& dir : g_remote_dirs) {
      path = FindIgnoringCase(dir, name);
      if (!path.empty()) break;
    }
    if (path.empty()) return nullptr;  // no network, ever
  } else {
    const fs::path p(u);
    path = FindIgnoringCase(p.parent_path().empty() ? fs::path(".") : p.parent_path(),
                            p.filename().string());
    if (path.empty()) return nullptr;
  }
  return g_default_loader(path.c_str(), id, ctxt);
}

void InstallLoader() {
  static std::once_flag once;
  std::call_once(once, [] {
    xmlInitParser();
    g_default_loader = xmlGetExternalEntityLoader();
    xmlSetExternalEntityLoader(LocalOnlyLoader);
  });
}

// Collects structured errors (schema compile errors and validation errors).
struct Collector {
  std::vector<Error> errors;
  size_t max = 50;
  std::string prefix;  // for compile errors: the file name
};

std::string CleanMessage(const char* msg) {
  std::string m = msg ? msg : "schema error";
  while (!m.empty() && (m.back() == '\n' || m.back() == ' ')) m.pop_back();
  // "Element '{http://...}Foo'" -> "Element 'Foo'": the namespace is noise for people.
  static const std::regex kNs("\\{[^}]*\\}");
  return std::regex_replace(m, kNs, "");
}

void OnError(void* user, xmlErrorPtr err) {
  auto* c = static_cast<Collector*>(user);
  if (!err || err->level == XML_ERR_WARNING || c->errors.size() >= c->max) return;
  std::string loc = err->line > 0 ? "line " + std::to_string(err->line) : std::string();
  c->errors.push_back(
      MakeError(ErrorKind::kSchema, "XSD", c->prefix + CleanMessage(err->message), std::move(loc)));
}

struct CompiledSchema {
  xmlSchemaPtr schema = nullptr;
  std::string bericht_xsd_versie, basisschema_xsd_versie;
};

// Reads <iwmo:BerichtXsdVersie>1.0.0</...> from a schema's appinfo without a full parse.
std::string AppInfo(const std::string& text, const std::string& element) {
  const size_t start = text.find(":" + element + ">");
  if (start == std::string::npos) return {};
  const size_t begin = start + element.size() + 2;
  const size_t end = text.find('<', begin);
  return end == std::string::npos ? std::string() : text.substr(begin, end - begin);
}

Result<CompiledSchema> Compile(const std::string& path) {
  CompiledSchema out;
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) {
    return MakeError(ErrorKind::kIo, "XSD", "schema not found: " + path);
  }
  Collector col;
  col.prefix = fs::path(path).filename().string() + ": ";
  xmlSchemaParserCtxtPtr p = xmlSchemaNewParserCtxt(path.c_str());
  xmlSchemaSetParserStructuredErrors(p, OnError, &col);
  out.schema = xmlSchemaParse(p);
  xmlSchemaFreeParserCtxt(p);
  if (!out.schema) {
    std::string why = col.errors.empty() ? "does not compile" : col.errors.front().message;
    return MakeError(ErrorKind::kIo, "XSD", "cannot compile schema " + path + ": " + why);
  }
  std::FILE* f = std::fopen(path.c_str(), "rb");
  std::string text;
  if (f) {
    char buf[8192];
    const size_t n = std::fread(buf, 1, sizeof buf, f);  // appinfo is at the top
    text.assign(buf, n);
    std::fclose(f);
  }
  out.bericht_xsd_versie = AppInfo(text, "BerichtXsdVersie");
  out.basisschema_xsd_versie = AppInfo(text, "BasisschemaXsdVersie");
  return out;
}

// One validation context per (thread, schema): contexts are not thread-safe, schemas are.
xmlSchemaValidCtxtPtr ContextFor(xmlSchemaPtr schema) {
  struct Cache {
    std::map<xmlSchemaPtr, xmlSchemaValidCtxtPtr> by_schema;
    ~Cache() {
      for (auto& [s, c] : by_schema) xmlSchemaFreeValidCtxt(c);
    }
  };
  thread_local Cache cache;
  auto it = cache.by_schema.find(schema);
  if (it != cache.by_schema.end()) return it->second;
  xmlSchemaValidCtxtPtr c = xmlSchemaNewValidCtxt(schema);
  cache.by_schema.emplace(schema, c);
  return c;
}

}  // namespace

struct SchemaSet::Impl {
  std::string shared_dir;
  std::map<std::pair<Domein, BerichtType>, CompiledSchema> payload;
  std::map<SchemaKind, CompiledSchema> other;
  ~Impl() {
    for (auto& [k, s] : payload) xmlSchemaFree(s.schema);
    for (auto& [k, s] : other) xmlSchemaFree(s.schema);
  }
};

SchemaSet::SchemaSet(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
SchemaSet::~SchemaSet() = default;

const std::string& SchemaSet::shared_dir() const { return impl_->shared_dir; }

Result<std::shared_ptr<const SchemaSet>> SchemaSet::Load(const std::string& shared_dir) {
  InstallLoader();
  {
    std::lock_guard<std::mutex> lock(g_loader_mu);
    const std::string ebms = (fs::path(shared_dir) / "ebms" / "xsd").string();
    if (std::find(g_remote_dirs.begin(), g_remote_dirs.end(), ebms) == g_remote_dirs.end()) {
      g_remote_dirs.push_back(ebms);
    }
  }
  auto impl = std::make_unique<Impl>();
  impl->shared_dir = shared_dir;
  const fs::path root(shared_dir);
  for (Domein d : {Domein::kWmo, Domein::kJeugd}) {
    const fs::path dir = root / "istandaarden" / (d == Domein::kWmo ? "iwmo-3.2" : "ijw-3.2");
    for (BerichtType t : kAllBerichtTypes) {
      auto s = Compile((dir / (std::string(Functie(d, t)) + ".xsd")).string());
      if (!s) return s.error();
      impl->payload.emplace(std::make_pair(d, t), std::move(*s));
    }
  }
  const std::pair<SchemaKind, fs::path> others[] = {
      {SchemaKind::kStufGgk, root / "istandaarden" / "stuf-ggk0210-patch04-v3" / "ggk0210" /
                                 "ggkberichten" / "ggk0210_msg_ggkberichten.xsd"},
      {SchemaKind::kEbmsSoap, root / "ebms" / "xsd" / "msg-header-2_0.xsd"},
      {SchemaKind::kCpa, root / "ebms" / "xsd" / "cpp-cpa-2_0.xsd"},
      {SchemaKind::kPain001, root / "sepa" / "pain.001.001.03.xsd"},
  };
  for (const auto& [kind, path] : others) {
    auto s = Compile(path.string());
    if (!s) return s.error();
    impl->other.emplace(kind, std::move(*s));
  }
  return std::shared_ptr<const SchemaSet>(new SchemaSet(std::move(impl)));
}

namespace {

std::vector<Error> RunValidation(xmlSchemaPtr schema, std::string_view text, size_t max_errors) {
  Collector col;
  col.max = max_errors;
  // DOCTYPEs never reach libxml2 (no entity declarations, no external entities).
  if (Status s = xml::CheckNoDoctype(text); !s) return {s.error()};
  if (text.size() > static_cast<size_t>(INT32_MAX)) {
    return {MakeError(ErrorKind::kLimit, "SIZE", "document too large")};
  }
  xmlSchemaValidCtxtPtr ctxt = ContextFor(schema);
  xmlSchemaSetValidStructuredErrors(ctxt, OnError, &col);
  // Parser (well-formedness) errors go to the thread's structured error handler.
  xmlSetStructuredErrorFunc(&col, OnError);
  xmlParserInputBufferPtr input = xmlParserInputBufferCreateMem(
      text.data(), static_cast<int>(text.size()), XML_CHAR_ENCODING_NONE);
  const int rc = xmlSchemaValidateStream(ctxt, input, XML_CHAR_ENCODING_NONE, nullptr, nullptr);
  xmlSetStructuredErrorFunc(nullptr, nullptr);
  xmlSchemaSetValidStructuredErrors(ctxt, nullptr, nullptr);
  if (rc != 0 && col.errors.empty()) {
    col.errors.push_back(MakeError(ErrorKind::kSchema, "XSD", "document is not valid"));
  }
  return col.errors;
}

}  // namespace

std::vector<Error> SchemaSet::ValidatePayload(Domein d, BerichtType t, std::string_view text,
                                              size_t max_errors) const {
  return RunValidation(impl_->payload.at({d, t}).schema, text, max_errors);
}

std::vector<Error> SchemaSet::Validate(SchemaKind kind, std::string_view text,
                                       size_t max_errors) const {
  const auto it = impl_->other.find(kind);
  if (it == impl_->other.end()) {
    return {MakeError(ErrorKind::kUnsupported, "XSD", "give domein and type: use ValidatePayload")};
  }
  return RunValidation(it->second.schema, text, max_errors);
}

std::string SchemaSet::BerichtXsdVersie(Domein d, BerichtType t) const {
  return impl_->payload.at({d, t}).bericht_xsd_versie;
}

std::string SchemaSet::BasisschemaXsdVersie(Domein d) const {
  return impl_->payload.at({d, BerichtType::k301}).basisschema_xsd_versie;
}

}  // namespace sluis::codecs
