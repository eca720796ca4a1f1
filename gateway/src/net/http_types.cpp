#include "net/http_types.h"

namespace sluis::gateway {

std::string_view HttpRequest::Header(std::string_view name) const {
  for (const auto& [k, v] : headers) {
    if (k == name) return v;
  }
  return {};
}

std::string_view HttpRequest::Path() const {
  const std::string_view t = target;
  return t.substr(0, t.find('?'));
}

std::string_view HttpRequest::Query() const {
  const size_t q = target.find('?');
  return q == std::string::npos ? std::string_view() : std::string_view(target).substr(q + 1);
}

HttpResponse HttpResponse::Text(int status, std::string body) {
  return {status, "text/plain; charset=utf-8", {}, std::move(body)};
}
HttpResponse HttpResponse::Json(int status, std::string body) {
  return {status, "application/json", {}, std::move(body)};
}
HttpResponse HttpResponse::Html(int status, std::string body) {
  return {status, "text/html; charset=utf-8", {}, std::move(body)};
}

}  // namespace sluis::gateway
