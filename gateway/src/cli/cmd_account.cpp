// sluis account add USERNAME --role ROLE [--role ROLE...] [--name NAME] [--password-file FILE]
// sluis account list
#include <cstdio>
#include <fstream>
#include <iostream>

#include "sluis/db/accounts.h"

#include "api/password.h"
#include "cli/command.h"

namespace sluis::gateway::cli {
namespace {

constexpr char kAddUsage[] =
    "usage: sluis account add USERNAME --role ROLE [--role ROLE ...] [--name NAME]\n"
    "                         [--password-file FILE] [--db URL | --config FILE]\n"
    "\n"
    "Creates a local account for the web UI, or replaces the name, roles and password of an\n"
    "existing one. Roles: backoffice, accountmanager, operations, beheer. The password is read\n"
    "from --password-file (first line) or else from the first line of standard input; at least\n"
    "12 characters. It is stored as a scrypt hash; the change is written to the audit log.\n"
    "\n"
    "Exit status: 0 saved, 1 database error, 2 usage error.\n";

constexpr char kListUsage[] =
    "usage: sluis account list [--db URL | --config FILE]\n"
    "\n"
    "Lists the accounts with their roles.\n";

int Add(const std::vector<std::string>& argv) {
  ArgParser args(argv);
  db::Account a;
  while (auto role = args.Value("--role")) a.roles.push_back(*role);
  const auto name = args.Value("--name");
  const auto password_file = args.Value("--password-file");
  const auto url = ResolveDbUrl(args, "account add");
  if (!url) return 2;
  if (auto unknown = args.UnknownOption()) {
    std::fprintf(stderr, "sluis account add: unknown option %s\n%s", unknown->c_str(), kAddUsage);
    return 2;
  }
  const auto rest = args.Rest();
  if (rest.size() != 1 || a.roles.empty()) {
    std::fputs(kAddUsage, stderr);
    return 2;
  }
  for (const auto& r : a.roles) {
    if (r != "backoffice" && r != "accountmanager" && r != "operations" && r != "beheer") {
      std::fprintf(stderr, "sluis account add: unknown role %s\n", r.c_str());
      return 2;
    }
  }
  a.username = rest[0];
  a.display_name = name.value_or(a.username);
  std::string password;
  if (password_file) {
    std::ifstream in(*password_file);
    if (!in) {
      std::fprintf(stderr, "sluis account add: cannot read %s\n", password_file->c_str());
      return 2;
    }
    std::getline(in, password);
  } else {
    std::getline(std::cin, password);
  }
  if (password.size() < 12) {
    std::fputs("sluis account add: the password needs at least 12 characters\n", stderr);
    return 2;
  }
  a.password_hash = api::HashPassword(password);
  try {
    db::Connection conn(*url);
    db::SaveAccount(conn, a, "cli");
    std::printf("account %s saved\n", a.username.c_str());
    return 0;
  } catch (const db::DbError& e) {
    std::fprintf(stderr, "sluis account add: %s\n", e.what());
    return 1;
  }
}

int List(const std::vector<std::string>& argv) {
  ArgParser args(argv);
  const auto url = ResolveDbUrl(args, "account list");
  if (!url) return 2;
  try {
    db::Connection conn(*url);
    for (const auto& a : db::ListAccounts(conn)) {
      std::string roles;
      for (const auto& r : a.roles) roles += (roles.empty() ? "" : ",") + r;
      std::printf("%s\t%s\t%s%s\n", a.username.c_str(), roles.c_str(), a.display_name.c_str(),
                  a.disabled ? "\t(disabled)" : "");
    }
    return 0;
  } catch (const db::DbError& e) {
    std::fprintf(stderr, "sluis account list: %s\n", e.what());
    return 1;
  }
}

}  // namespace

std::vector<Command> AccountCommands() {
  return {{"account add", "create or update a web UI account", kAddUsage, Add},
          {"account list", "list the web UI accounts", kListUsage, List}};
}

}  // namespace sluis::gateway::cli
