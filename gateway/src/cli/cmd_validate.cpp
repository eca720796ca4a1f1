// sluis validate [--json] [--shared DIR] FILE...
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "sluis/codecs/limits.h"
#include "sluis/codecs/validate.h"

#include "cli/command.h"
#include "config.h"

namespace sluis::gateway::cli {
namespace {

constexpr char kUsage[] =
    "usage: sluis validate [--json] [--shared DIR | --config FILE] FILE...\n"
    "\n"
    "Checks each file and says what is wrong with it, the way the gateway would judge it:\n"
    "  iWmo/iJw 3.2 payloads (301 ... 325): XSD (level 1), then the in-message rules (level 2)\n"
    "  StUF-GGk envelopes (Di01/Du01) and their payload, Fo01 messages\n"
    "  ebMS SOAP messages: XSD and structure; CPAs: XSD, and whether Sluis can use them\n"
    "  (Digikoppeling osb-rm/osb-be, unsigned)\n"
    "Prints per file 'OK' or one line per finding: 'RULECODE location: message'.\n"
    "\n"
    "  --json          the same as a JSON array\n"
    "  --shared DIR    the reference material (istandaarden/, ebms/xsd/); default: the\n"
    "                  SLUIS_SHARED environment variable, or --config FILE's shared_dir\n"
    "\n"
    "Exit status: 0 all files valid, 1 a file is invalid, 2 usage or I/O error.\n";

bool ReadAll(const std::string& path, std::string& out, std::string& error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = "cannot read " + path;
    return false;
  }
  in.seekg(0, std::ios::end);
  const auto size = in.tellg();
  if (size > static_cast<std::streamoff>(codecs::kMaxEbmsBytes)) {
    error = path + " is larger than " + std::to_string(codecs::kMaxEbmsBytes) + " bytes";
    return false;
  }
  in.seekg(0);
  out.resize(static_cast<size_t>(size));
  in.read(out.data(), size);
  return true;
}

int Validate(const std::vector<std::string>& argv) {
  ArgParser args(argv);
  const bool json = args.Flag("--json");
  const std::optional<std::string> shared = ResolveSharedDir(args, "validate");
  if (!shared) return 2;
  if (auto unknown = args.UnknownOption()) {
    std::fprintf(stderr, "sluis validate: unknown option %s\n%s", unknown->c_str(), kUsage);
    return 2;
  }
  const std::vector<std::string> files = args.Rest();
  if (files.empty()) {
    std::fputs(kUsage, stderr);
    return 2;
  }
  const auto schemas = LoadSchemas(shared);
  if (!schemas) return 2;
  int status = 0;
  nlohmann::json out = nlohmann::json::array();
  for (const std::string& file : files) {
    std::string text, error;
    if (!ReadAll(file, text, error)) {
      std::fprintf(stderr, "sluis validate: %s\n", error.c_str());
      if (json) out.push_back({{"file", file}, {"error", error}});
      status = 2;
      continue;
    }
    const codecs::ValidationReport r = codecs::ValidateDocument(*schemas, text);
    if (!r.valid() && status == 0) status = 1;
    if (json) {
      nlohmann::json findings = nlohmann::json::array();
      for (const auto& f : r.findings) {
        nlohmann::json j = {
            {"code", f.code}, {"location", f.location}, {"message", f.message}, {"level", f.level}};
        if (!f.retourcode.empty()) j["retourcode"] = f.retourcode;
        findings.push_back(std::move(j));
      }
      out.push_back({{"file", file},
                     {"kind", codecs::DocumentKindName(r.kind)},
                     {"type", r.label},
                     {"valid", r.valid()},
                     {"findings", std::move(findings)}});
    } else if (r.valid()) {
      std::printf("%s: OK\n", file.c_str());
    } else {
      for (const auto& f : r.findings) {
        std::printf("%s: %s\n", file.c_str(), f.ToString().c_str());
      }
    }
  }
  if (json) {
    std::printf("%s\n", out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
  }
  return status;
}

}  // namespace

std::vector<Command> ValidateCommands() {
  return {
      {"validate", "check iWmo/iJw, StUF, ebMS and CPA files (XSD and rules)", kUsage, Validate}};
}

}  // namespace sluis::gateway::cli
