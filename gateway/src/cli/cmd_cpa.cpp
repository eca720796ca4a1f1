// sluis cpa dev: a development CPA between the gemeente (Sluis) and the GGk simulator.
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>

#include "sluis/codecs/cpa.h"
#include "sluis/codecs/xsd.h"

#include "cli/command.h"
#include "ebms/cpa_dev.h"
#include "net/tls.h"

namespace sluis::gateway::cli {
namespace {

constexpr char kUsage[] =
    "usage: sluis cpa dev --out FILE [options]\n"
    "\n"
    "Writes a development CPA (Digikoppeling osb-rm, unsigned, two-way TLS) between the\n"
    "gemeente (Sluis) and the GGk simulator (ggk-sim), checks it against cpp-cpa-2_0.xsd and\n"
    "the Digikoppeling profile, and prints its CPAId. Both parties can send and receive every\n"
    "action of one service; each has a reliable channel and a best-effort MSH channel.\n"
    "\n"
    "  --pki DIR               take certificates and OINs from a dev PKI (certs/gen-dev-pki.sh):\n"
    "                          DIR/sluisd.pem, DIR/ggk.pem, DIR/oins.env, DIR/ca-bundle.pem\n"
    "  --gemeente-cert PEM     the gemeente's TLS certificate      (default: DIR/sluisd.pem)\n"
    "  --ggk-cert PEM          the GGk simulator's TLS certificate (default: DIR/ggk.pem)\n"
    "  --gemeente-oin OIN      the gemeente's PartyId  (default: SLUIS_OIN from oins.env)\n"
    "  --ggk-oin OIN           the GGk's PartyId       (default: GGK_OIN from oins.env)\n"
    "  --gemeente-url URL      Sluis' ebMS endpoint    (default: https://localhost:8443/ebms)\n"
    "  --ggk-url URL           the simulator's endpoint (default: https://localhost:8088/ebms)\n"
    "  --sync-reply MODE       none (default) or mshSignalsOnly\n"
    "  --retries N             ReliableMessaging Retries (default 3)\n"
    "  --retry-interval DUR    RetryInterval, xs:duration (default PT1M; tests use PT1S)\n"
    "  --persist-duration DUR  PersistDuration, xs:duration (default PT1H)\n"
    "  --cpa-id ID             (default sluis_ggk_dev)\n"
    "  --service NAME          (default urn:sluis:ggk:berichtenverkeer:1.0)\n"
    "  --service-type TYPE     (default urn:osb:services)\n"
    "  --actions A,B,C         (default ggk_Di01,ggk_Du01,Fo01)\n"
    "  --shared DIR            the reference material, for the XSD check (default: the\n"
    "                          SLUIS_SHARED environment variable; without it, no XSD check)\n"
    "\n"
    "Exit status: 0 written, 1 the CPA does not validate, 2 usage or I/O error.\n";

std::map<std::string, std::string> ReadEnvFile(const std::string& path) {
  std::map<std::string, std::string> out;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    const size_t eq = line.find('=');
    if (eq != std::string::npos) out[line.substr(0, eq)] = line.substr(eq + 1);
  }
  return out;
}

bool Der(const std::string& pem, std::string& out) {
  const auto cert = ReadCertificateFile(pem);
  if (!cert) {
    std::fprintf(stderr, "sluis cpa dev: cannot read a certificate from %s\n", pem.c_str());
    return false;
  }
  out = cert->der;
  return true;
}

// The last certificate of a bundle: the root.
std::optional<std::string> RootOf(const std::string& bundle) {
  std::ifstream in(bundle);
  if (!in) return std::nullopt;
  std::stringstream text;
  text << in.rdbuf();
  const std::string all = text.str();
  const size_t begin = all.rfind("-----BEGIN CERTIFICATE-----");
  if (begin == std::string::npos) return std::nullopt;
  const std::string tmp = bundle + ".root.tmp";
  {
    std::ofstream out(tmp);
    out << all.substr(begin);
  }
  auto cert = ReadCertificateFile(tmp);
  std::remove(tmp.c_str());
  if (!cert) return std::nullopt;
  return cert->der;
}

int Dev(const std::vector<std::string>& argv) {
  ArgParser args(argv);
  DevCpaOptions o;
  const std::optional<std::string> out = args.Value("--out");
  const std::optional<std::string> pki = args.Value("--pki");
  std::map<std::string, std::string> oins;
  if (pki) oins = ReadEnvFile(*pki + "/oins.env");
  std::string gemeente_cert = pki ? *pki + "/sluisd.pem" : "";
  std::string ggk_cert = pki ? *pki + "/ggk.pem" : "";
  if (auto v = args.Value("--gemeente-cert")) gemeente_cert = *v;
  if (auto v = args.Value("--ggk-cert")) ggk_cert = *v;
  o.gemeente.party_id = oins["SLUIS_OIN"];
  o.ggk.party_id = oins["GGK_OIN"];
  if (auto v = args.Value("--gemeente-oin")) o.gemeente.party_id = *v;
  if (auto v = args.Value("--ggk-oin")) o.ggk.party_id = *v;
  o.gemeente.endpoint = args.Value("--gemeente-url").value_or("https://localhost:8443/ebms");
  o.ggk.endpoint = args.Value("--ggk-url").value_or("https://localhost:8088/ebms");
  if (auto v = args.Value("--sync-reply")) o.sync_reply_mode = *v;
  if (auto v = args.Value("--retries")) {
    char* end = nullptr;
    o.retries = std::strtol(v->c_str(), &end, 10);
    if (v->empty() || *end != '\0') {
      std::fprintf(stderr, "sluis cpa dev: --retries: not a number: %s\n", v->c_str());
      return 2;
    }
  }
  if (auto v = args.Value("--retry-interval")) o.retry_interval = *v;
  if (auto v = args.Value("--persist-duration")) o.persist_duration = *v;
  if (auto v = args.Value("--cpa-id")) o.cpa_id = *v;
  if (auto v = args.Value("--service")) o.service = *v;
  if (auto v = args.Value("--service-type")) o.service_type = *v;
  if (auto v = args.Value("--actions")) {
    o.actions.clear();
    std::stringstream list(*v);
    for (std::string a; std::getline(list, a, ',');) {
      if (!a.empty()) o.actions.push_back(a);
    }
  }
  std::optional<std::string> shared = args.Value("--shared");
  if (!shared) {
    if (const char* env = std::getenv("SLUIS_SHARED"); env && *env) shared = env;
  }
  if (auto unknown = args.UnknownOption()) {
    std::fprintf(stderr, "sluis cpa dev: unknown option %s\n%s", unknown->c_str(), kUsage);
    return 2;
  }
  if (!out) {
    std::fprintf(stderr, "sluis cpa dev: --out FILE is required\n%s", kUsage);
    return 2;
  }
  if (gemeente_cert.empty() || ggk_cert.empty()) {
    std::fprintf(stderr, "sluis cpa dev: give --pki DIR or both --gemeente-cert and --ggk-cert\n");
    return 2;
  }
  if (!Der(gemeente_cert, o.gemeente.certificate_der) || !Der(ggk_cert, o.ggk.certificate_der)) {
    return 2;
  }
  if (pki) o.trust_anchor_der = RootOf(*pki + "/ca-bundle.pem");
  if (const std::string why = ValidateDevCpaOptions(o); !why.empty()) {
    std::fprintf(stderr, "sluis cpa dev: %s\n", why.c_str());
    return 2;
  }
  const std::string xml = MakeDevCpa(o);

  codecs::Result<codecs::cpa::Cpa> parsed = codecs::cpa::ParseCpa(xml);
  if (!parsed.ok()) {
    std::fprintf(stderr, "sluis cpa dev: the CPA does not parse: %s\n",
                 parsed.error().ToString().c_str());
    return 1;
  }
  for (const auto& p : codecs::cpa::DigikoppelingProblems(*parsed)) {
    std::fprintf(stderr, "sluis cpa dev: %s: %s\n", p.subject.c_str(), p.reason.c_str());
    return 1;
  }
  if (shared) {
    auto schemas = codecs::SchemaSet::Load(*shared);
    if (!schemas.ok()) {
      std::fprintf(stderr, "sluis cpa dev: %s\n", schemas.error().ToString().c_str());
      return 2;
    }
    const auto errors = (*schemas)->Validate(codecs::SchemaKind::kCpa, xml);
    for (const auto& e : errors) {
      std::fprintf(stderr, "sluis cpa dev: XSD %s\n", e.ToString().c_str());
    }
    if (!errors.empty()) return 1;
  }
  std::ofstream file(*out, std::ios::binary | std::ios::trunc);
  file << xml;
  if (!file.flush()) {
    std::fprintf(stderr, "sluis cpa dev: cannot write %s\n", out->c_str());
    return 2;
  }
  std::printf("%s\n", o.cpa_id.c_str());
  return 0;
}

}  // namespace

std::vector<Command> CpaCommands() {
  return {{"cpa dev", "write a development CPA between Sluis and the GGk simulator", kUsage, Dev}};
}

}  // namespace sluis::gateway::cli
