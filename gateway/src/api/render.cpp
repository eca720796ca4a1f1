// JSON and CSV rendering of db::Table, BSN masking, query decoding, today.
#include <algorithm>
#include <charconv>

#include "sluis/workflow/clock.h"

#include "api/api_internal.h"

namespace sluis::gateway::api {

std::string Ctx::Q(const std::string& name) const {
  const auto it = query.find(name);
  return it == query.end() ? std::string() : it->second;
}

db::Paging Ctx::Paging() const {
  db::Paging p;
  int64_t v = 0;
  if (ParseId(Q("limit"), v)) p.limit = std::clamp<int64_t>(v, 1, 1000);
  if (ParseId(Q("offset"), v)) p.offset = v;
  if (Csv() && Q("limit").empty()) p.limit = 1000;
  return p;
}

HttpResponse JsonResponse(int status, const nlohmann::json& j) {
  HttpResponse r = HttpResponse::Json(status, j.dump());
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

HttpResponse JsonError(int status, const std::string& message) {
  return JsonResponse(status, {{"error", message}});
}

std::string MaskBsn(const std::string& bsn) {
  if (bsn.size() <= 4) return std::string(bsn.size(), '*');
  return std::string(bsn.size() - 4, '*') + bsn.substr(bsn.size() - 4);
}

std::string MaskBsnInXml(const std::string& xml) {
  std::string out;
  out.reserve(xml.size());
  size_t pos = 0;
  while (true) {
    const size_t tag = xml.find("Bsn>", pos);
    if (tag == std::string::npos) break;
    const size_t open = xml.rfind('<', tag);
    const size_t end = tag + 4;
    // An opening tag "<Bsn>" or "<p:Bsn>", not a closing one.
    const bool opening = open != std::string::npos && open + 1 < xml.size() &&
                         xml[open + 1] != '/' && xml.find_first_of(" >", open) == tag + 3;
    const size_t close = xml.find('<', end);
    if (!opening || close == std::string::npos) {
      out.append(xml, pos, end - pos);
      pos = end;
      continue;
    }
    out.append(xml, pos, end - pos);
    out += MaskBsn(xml.substr(end, close - end));
    pos = close;
  }
  out.append(xml, pos, std::string::npos);
  return out;
}

nlohmann::json RowsJson(const db::Table& t, bool mask_bsn) {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& row : t.rows) {
    nlohmann::json o = nlohmann::json::object();
    for (size_t i = 0; i < t.columns.size(); ++i) {
      const auto& v = row[i];
      if (!v) {
        o[t.columns[i]] = nullptr;
        continue;
      }
      switch (t.kinds[i]) {
        case db::Table::Kind::kNumber: {
          nlohmann::json n = nlohmann::json::parse(*v, nullptr, false);
          o[t.columns[i]] = n.is_number() ? n : nlohmann::json(*v);
          break;
        }
        case db::Table::Kind::kBool:
          o[t.columns[i]] = *v == "t";
          break;
        case db::Table::Kind::kJson:
          o[t.columns[i]] = nlohmann::json::parse(*v, nullptr, false);
          break;
        default:
          o[t.columns[i]] = mask_bsn && t.columns[i] == "bsn" ? MaskBsn(*v) : *v;
      }
    }
    items.push_back(std::move(o));
  }
  return items;
}

namespace {

std::string CsvField(const std::string& v) {
  // Formula injection: a cell starting with = + - @ is text, not a formula, in spreadsheets.
  std::string s = v;
  if (!s.empty() &&
      (s[0] == '=' || s[0] == '+' || s[0] == '@' ||
       (s[0] == '-' && s.size() > 1 && !std::isdigit(static_cast<unsigned char>(s[1]))))) {
    s = "'" + s;
  }
  if (s.find_first_of(",\"\r\n;") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace

std::string TableCsv(const db::Table& t, bool mask_bsn) {
  std::string out;
  for (size_t i = 0; i < t.columns.size(); ++i) {
    if (i) out += ',';
    out += CsvField(t.columns[i]);
  }
  out += "\r\n";
  for (const auto& row : t.rows) {
    for (size_t i = 0; i < t.columns.size(); ++i) {
      if (i) out += ',';
      if (!row[i]) continue;
      out += CsvField(mask_bsn && t.columns[i] == "bsn" ? MaskBsn(*row[i]) : *row[i]);
    }
    out += "\r\n";
  }
  return out;
}

HttpResponse ListResponse(const db::Table& t, const Ctx& c, const std::string& csv_name,
                          bool mask_bsn) {
  if (c.Csv()) {
    HttpResponse r{200, "text/csv; charset=utf-8", {}, TableCsv(t, mask_bsn)};
    r.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + csv_name + ".csv\"");
    r.headers.emplace_back("Cache-Control", "no-store");
    return r;
  }
  const db::Paging p = c.Paging();
  return JsonResponse(200, {{"items", RowsJson(t, mask_bsn)},
                            {"total", t.total},
                            {"limit", p.limit},
                            {"offset", p.offset}});
}

std::string PercentDecode(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '+') {
      out += ' ';
    } else if (s[i] == '%' && i + 2 < s.size()) {
      int v = 0;
      const auto res = std::from_chars(s.data() + i + 1, s.data() + i + 3, v, 16);
      if (res.ec == std::errc() && res.ptr == s.data() + i + 3) {
        out += static_cast<char>(v);
        i += 2;
      } else {
        out += s[i];
      }
    } else {
      out += s[i];
    }
  }
  return out;
}

const nlohmann::json* Field(const nlohmann::json& body, const char* key) {
  if (!body.is_object()) return nullptr;
  const auto it = body.find(key);
  return it == body.end() ? nullptr : &*it;
}

const std::string* TextField(const nlohmann::json& body, const char* key) {
  const nlohmann::json* f = Field(body, key);
  return f != nullptr && f->is_string() ? f->get_ptr<const std::string*>() : nullptr;
}

codecs::Date Vandaag(const Services& s) { return workflow::DutchDate(s.clock.Now()); }

std::optional<codecs::Date> Peildatum(const Services& s, const Ctx& c) {
  if (c.Q("peildatum").empty()) return Vandaag(s);
  return codecs::Date::Parse(c.Q("peildatum"));
}

bool Digits(const std::string& s, size_t n) {
  return s.size() == n && std::all_of(s.begin(), s.end(), ::isdigit);
}

bool ParseId(const std::string& s, int64_t& out) {
  if (s.empty() || s.size() > 18) return false;
  const auto res = std::from_chars(s.data(), s.data() + s.size(), out);
  return res.ec == std::errc() && res.ptr == s.data() + s.size() && out >= 0;
}

}  // namespace sluis::gateway::api
