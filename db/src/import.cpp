// Running the CSV imports of sluis/db/reference.h: one transaction for a set of files, checked
// in dependency order, recorded in reference_import, committed only when every file is valid.
#include <algorithm>
#include <cstdio>
#include <map>
#include <set>

#include <openssl/evp.h>

#include "sluis/db/reference.h"

#include "connection_impl.h"
#include "import_kinds.h"

namespace sluis::db {

std::string_view ImportKindName(ImportKind kind) {
  switch (kind) {
    case ImportKind::kGemeenten:
      return "gemeenten";
    case ImportKind::kAanbieders:
      return "aanbieders";
    case ImportKind::kProductcodes:
      return "productcodes";
    case ImportKind::kTarieven:
      return "tarieven";
    case ImportKind::kClienten:
      return "clienten";
    case ImportKind::kToewijzingen:
      return "toewijzingen";
  }
  return "gemeenten";
}

std::optional<ImportKind> ParseImportKind(std::string_view name) {
  for (ImportKind k : kImportOrder) {
    if (ImportKindName(k) == name) return k;
  }
  return std::nullopt;
}

std::string ImportFileName(ImportKind kind) { return std::string(ImportKindName(kind)) + ".csv"; }

std::string ImportError::ToString() const {
  if (line <= 0) return file + ": " + message;
  return file + ":" + std::to_string(line) + ": " + message;
}

std::string ImportReport::Summary() const {
  const auto n = [](int count, const char* one, const char* many) {
    return std::to_string(count) + " " + (count == 1 ? one : many);
  };
  std::string out = file + ": ";
  if (!checked) return out + "not checked: a file it depends on has errors";
  if (!errors.empty()) return out + n(error_count, "error", "errors") + ", nothing loaded";
  out += n(rows, "row", "rows");
  switch (kind) {
    case ImportKind::kGemeenten:
    case ImportKind::kProductcodes:
    case ImportKind::kTarieven:
      return out + " loaded, replacing " + n(removed, "row", "rows");
    case ImportKind::kAanbieders:
    case ImportKind::kClienten:
      return out + ": " + std::to_string(inserted) + " new, " + std::to_string(updated) +
             " updated, " + std::to_string(unchanged) + " unchanged";
    case ImportKind::kToewijzingen:
      return out + ": " + n(inserted, "new version", "new versions") + ", " +
             std::to_string(unchanged) + " already stored; " +
             n(current, "toewijzing", "toewijzingen") + " now current from this file";
  }
  return out;
}

std::vector<ImportError> ImportSetReport::AllErrors() const {
  std::vector<ImportError> out;
  for (const ImportReport& r : files) out.insert(out.end(), r.errors.begin(), r.errors.end());
  return out;
}

namespace {

std::string Sha256Hex(std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(data.data(), data.size(), digest, &len, EVP_sha256(), nullptr);
  std::string hex;
  char buf[3];
  for (unsigned int i = 0; i < len; ++i) {
    std::snprintf(buf, sizeof buf, "%02x", digest[i]);
    hex += buf;
  }
  return hex;
}

// What a kind is checked against: the files that must load before it.
std::vector<ImportKind> DependsOn(ImportKind kind) {
  switch (kind) {
    case ImportKind::kGemeenten:
    case ImportKind::kAanbieders:
      return {};
    case ImportKind::kProductcodes:
    case ImportKind::kClienten:
      return {ImportKind::kGemeenten};
    case ImportKind::kTarieven:
      return {ImportKind::kGemeenten, ImportKind::kAanbieders, ImportKind::kProductcodes};
    case ImportKind::kToewijzingen:
      return {ImportKind::kGemeenten, ImportKind::kAanbieders, ImportKind::kProductcodes,
              ImportKind::kClienten};
  }
  return {};
}

constexpr int kBulkRows = 1000;

int OrderOf(ImportKind kind) {
  return static_cast<int>(std::find(std::begin(kImportOrder), std::end(kImportOrder), kind) -
                          std::begin(kImportOrder));
}

void LoadOne(pqxx::work& tx, const ImportFile& file, internal::ErrorSink& errors,
             ImportReport& report, const std::string& actor) {
  const std::optional<codecs::csv::Table> table = internal::ReadTable(file.content, errors);
  if (!table) return;
  report.rows = static_cast<int>(table->records().size());
  const bool replaces = file.kind == ImportKind::kGemeenten ||
                        file.kind == ImportKind::kProductcodes ||
                        file.kind == ImportKind::kTarieven;
  if (replaces && report.rows == 0) {
    // The file is the whole list: an empty one would wipe the table, which is never meant.
    errors.Add(0, "no rows: the file replaces the whole list and an empty list is refused");
    return;
  }
  switch (file.kind) {
    case ImportKind::kGemeenten:
      return internal::LoadGemeenten(tx, *table, errors, report);
    case ImportKind::kAanbieders:
      return internal::LoadAanbieders(tx, *table, errors, report);
    case ImportKind::kProductcodes:
      return internal::LoadProductcodes(tx, *table, errors, report);
    case ImportKind::kTarieven:
      return internal::LoadTarieven(tx, *table, errors, report);
    case ImportKind::kClienten:
      return internal::LoadClienten(tx, *table, errors, report);
    case ImportKind::kToewijzingen:
      return internal::LoadToewijzingen(tx, *table, errors, report, actor);
  }
}

}  // namespace

ImportSetReport ImportSet(Connection& conn, std::vector<ImportFile> files,
                          const std::string& actor) {
  std::stable_sort(files.begin(), files.end(), [](const ImportFile& a, const ImportFile& b) {
    return OrderOf(a.kind) < OrderOf(b.kind);
  });
  ImportSetReport set;
  MapErrors([&] {
    pqxx::work tx(conn.impl().conn);
    // One import at a time: two replacing the same table would interleave their DELETEs.
    tx.exec("SELECT pg_advisory_xact_lock(hashtext('sluis.reference_import'))");
    std::set<ImportKind> failed, seen;
    bool bulk = false;  // a file large enough to change the planner's view of its tables
    for (const ImportFile& file : files) {
      ImportReport report;
      report.kind = file.kind;
      report.file = file.name;
      internal::ErrorSink errors(file.name);
      const std::vector<ImportKind> deps = DependsOn(file.kind);
      if (!seen.insert(file.kind).second) {
        errors.Add(0, "a second " + std::string(ImportKindName(file.kind)) + " file in one import");
      } else if (std::any_of(deps.begin(), deps.end(),
                             [&](ImportKind k) { return failed.count(k) > 0; })) {
        report.checked = false;
      } else {
        LoadOne(tx, file, errors, report, actor);
      }
      report.error_count = static_cast<int>(errors.count());
      report.errors = errors.Finish();
      if (!report.ok()) {
        failed.insert(file.kind);
      } else {
        bulk = bulk || (report.rows >= kBulkRows && (file.kind == ImportKind::kToewijzingen ||
                                                     file.kind == ImportKind::kClienten));
        tx.exec_params(
            "INSERT INTO reference_import (kind, file_name, sha256, rows, imported_by) "
            "VALUES ($1, $2, $3, $4, $5)",
            std::string(ImportKindName(file.kind)), file.name, Sha256Hex(file.content), report.rows,
            actor);
      }
      set.files.push_back(std::move(report));
    }
    if (failed.empty()) {
      // Statistics for what was just loaded: until autovacuum analyzes the tables (a minute
      // or more later) the planner would judge the next 323's lookups by the old sizes and
      // probe 30,000 toewijzingen one by one instead of hashing them (workflow/README.md).
      if (bulk) tx.exec("ANALYZE client, toewijzing_versie, toewijzing");
      tx.commit();
      set.committed = true;
    }
  });
  return set;
}

ImportReport Import(Connection& conn, ImportKind kind, std::string_view content,
                    const std::string& file_name, const std::string& actor) {
  std::vector<ImportFile> files;
  files.push_back({kind, file_name, std::string(content)});
  ImportSetReport set = ImportSet(conn, std::move(files), actor);
  return std::move(set.files.front());
}

}  // namespace sluis::db
