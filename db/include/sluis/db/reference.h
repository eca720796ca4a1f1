// Reference data and toewijzingen entering Sluis from CSV files (README, "Reference data"):
// gemeenten, aanbieders, productcodes and tarieven, and the clients and toewijzingen of the
// gemeente's current system. Every row of a file is validated before anything is written; a file
// with any bad row loads nothing and its report lists every bad row as "file:line: reason".
//
// Semantics per file: gemeenten, productcodes and tarieven replace the table's contents (the file
// is the full list); aanbieders and clienten are upserted by key; toewijzingen add versions
// (bron 'import', levering 'extern') and move a toewijzing's current version only to a newer one
// (IV013). Every loaded file is recorded in reference_import (kind, name, sha256, rows, actor).
//
// One import runs at a time (a transaction-level advisory lock). Throws DbError for database
// failures; data problems are never exceptions, they are in the report.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sluis/db/connection.h"

namespace sluis::db {

enum class ImportKind {
  kGemeenten,
  kAanbieders,
  kProductcodes,
  kTarieven,
  kClienten,
  kToewijzingen,
};
// Dependency order: a file is checked against what the files before it loaded.
inline constexpr ImportKind kImportOrder[] = {ImportKind::kGemeenten,    ImportKind::kAanbieders,
                                              ImportKind::kProductcodes, ImportKind::kTarieven,
                                              ImportKind::kClienten,     ImportKind::kToewijzingen};

std::string_view ImportKindName(ImportKind kind);  // "gemeenten", as reference_import.kind
std::optional<ImportKind> ParseImportKind(std::string_view name);
std::string ImportFileName(
    ImportKind kind);  // "gemeenten.csv", the name `import reference` looks for

struct ImportError {
  std::string file;  // the name given with the file, e.g. "tarieven.csv"
  int line = 0;      // 1-based physical line; 0 for the file as a whole
  std::string message;
  // "tarieven.csv:14: tarief_cent \"12,50\" is not a whole number of cents" ("file: message"
  // when line is 0).
  std::string ToString() const;
  bool operator==(const ImportError&) const = default;
};

struct ImportReport {
  ImportKind kind = ImportKind::kGemeenten;
  std::string file;
  int rows = 0;       // data records read from the file
  int inserted = 0;   // new rows (toewijzingen: new versions)
  int updated = 0;    // existing rows overwritten (aanbieders, clienten)
  int removed = 0;    // rows of the previous list that the file replaced
  int unchanged = 0;  // toewijzingen: versions that were already stored exactly so
  int current = 0;    // toewijzingen: whose current version is now one from this file
  // False when the file was not checked because a file it depends on had errors.
  bool checked = true;
  // Every bad row, in file order; capped at kMaxImportErrors (the last entry then says how many
  // more there were).
  std::vector<ImportError> errors;
  int error_count = 0;  // all of them, also those beyond the cap
  bool ok() const { return checked && errors.empty(); }
  // "tarieven.csv: 12 rows, 12 new, 10 replaced" and the like, for the CLI.
  std::string Summary() const;
};
inline constexpr size_t kMaxImportErrors = 10000;

struct ImportFile {
  ImportKind kind;
  std::string name;     // for messages and reference_import.file_name
  std::string content;  // the bytes of the CSV
};

struct ImportSetReport {
  std::vector<ImportReport> files;  // in dependency order
  bool committed = false;           // true: every file was valid and is loaded
  std::vector<ImportError> AllErrors() const;
};

// Loads one file in one transaction. `actor` is recorded as imported_by (and created_by of
// imported toewijzing versions).
ImportReport Import(Connection& conn, ImportKind kind, std::string_view content,
                    const std::string& file_name, const std::string& actor);

// Loads several files (at most one per kind) in dependency order, all in ONE transaction: each
// file is validated against the database as the files before it left it. If any file has
// errors nothing is committed; files that depend on a failed one are reported as not checked
// (tarieven on aanbieders, gemeenten and productcodes; productcodes and clienten on gemeenten;
// toewijzingen on gemeenten, aanbieders, productcodes and clienten).
ImportSetReport ImportSet(Connection& conn, std::vector<ImportFile> files,
                          const std::string& actor);

}  // namespace sluis::db
