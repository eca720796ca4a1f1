#include "xml/xml_tree.h"

#include <cstring>

namespace sluis::codecs::xml {

std::string_view LocalName(std::string_view q) {
  const size_t c = q.find(':');
  return c == std::string_view::npos ? q : q.substr(c + 1);
}

std::string_view Prefix(std::string_view q) {
  const size_t c = q.find(':');
  return c == std::string_view::npos ? std::string_view() : q.substr(0, c);
}

int NamespaceScope::Push(const pugi::xml_node& e) {
  if (!e.first_attribute()) return 0;  // the common case in payloads
  int n = 0;
  for (const pugi::xml_attribute& a : e.attributes()) {
    const char* name = a.name();
    if (std::strncmp(name, "xmlns", 5) != 0) continue;
    if (name[5] == '\0') {
      stack_.emplace_back(std::string_view(), a.value());
      ++n;
    } else if (name[5] == ':') {
      stack_.emplace_back(std::string_view(name + 6), a.value());
      ++n;
    }
  }
  return n;
}

std::string_view NamespaceScope::Resolve(std::string_view prefix) const {
  for (auto it = stack_.rbegin(); it != stack_.rend(); ++it) {
    if (it->first == prefix) return it->second;
  }
  return {};
}

namespace {

std::string_view ResolveUp(pugi::xml_node e, std::string_view prefix) {
  std::string attr = prefix.empty() ? "xmlns" : "xmlns:" + std::string(prefix);
  for (; e && e.type() == pugi::node_element; e = e.parent()) {
    if (pugi::xml_attribute a = e.attribute(attr.c_str())) return a.value();
  }
  return {};
}

}  // namespace

std::string_view NamespaceOf(const pugi::xml_node& e) { return ResolveUp(e, Prefix(e.name())); }

std::string_view AttributeNamespace(const pugi::xml_node& e, const pugi::xml_attribute& a) {
  const std::string_view p = Prefix(a.name());
  // Unprefixed attributes are in no namespace.
  return p.empty() ? std::string_view() : ResolveUp(e, p);
}

pugi::xml_node Child(const pugi::xml_node& e, std::string_view ns, std::string_view local) {
  for (pugi::xml_node c = e.first_child(); c; c = c.next_sibling()) {
    if (c.type() == pugi::node_element && LocalName(c.name()) == local && NamespaceOf(c) == ns) {
      return c;
    }
  }
  return {};
}

pugi::xml_attribute Attribute(const pugi::xml_node& e, std::string_view ns,
                              std::string_view local) {
  for (pugi::xml_attribute a : e.attributes()) {
    if (LocalName(a.name()) == local && AttributeNamespace(e, a) == ns &&
        std::strncmp(a.name(), "xmlns", 5) != 0) {
      return a;
    }
  }
  return {};
}

std::string Text(const pugi::xml_node& e) {
  pugi::xml_node c = e.first_child();
  // Fast path: a single text node.
  if (c && !c.next_sibling() && (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata)) {
    return c.value();
  }
  std::string out;
  for (; c; c = c.next_sibling()) {
    if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) out += c.value();
  }
  return out;
}

std::string_view Trim(std::string_view s) {
  const char* ws = " \t\r\n";
  const size_t b = s.find_first_not_of(ws);
  if (b == std::string_view::npos) return {};
  return s.substr(b, s.find_last_not_of(ws) - b + 1);
}

void Writer::Escape(std::string& out, std::string_view t, bool in_attribute) {
  for (char c : t) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        if (in_attribute) {
          out += "&quot;";
        } else {
          out += c;
        }
        break;
      case '\r':
        out += "&#13;";  // keeps a literal CR through end-of-line normalisation
        break;
      case '\n':
        // Text keeps the file's CRLF convention; a parser turns it back into '\n'.
        out += in_attribute ? "&#10;" : "\r\n";
        break;
      case '\t':
        if (in_attribute) {
          out += "&#9;";
        } else {
          out += c;
        }
        break;
      default:
        out += c;
    }
  }
}

void Writer::Declaration() { out_ += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n"; }

void Writer::Indent() {
  if (indent_) out_.append(static_cast<size_t>(depth_) * 2, ' ');
}

void Writer::StartTag(std::string_view q,
                      const std::vector<std::pair<std::string, std::string>>& attrs) {
  Indent();
  out_ += '<';
  out_ += q;
  for (const auto& [k, v] : attrs) {
    out_ += ' ';
    out_ += k;
    out_ += "=\"";
    Escape(out_, v, true);
    out_ += '"';
  }
}

void Writer::Open(std::string_view q,
                  const std::vector<std::pair<std::string, std::string>>& attrs) {
  StartTag(q, attrs);
  out_ += ">\r\n";
  ++depth_;
}

void Writer::Close(std::string_view q) {
  --depth_;
  Indent();
  out_ += "</";
  out_ += q;
  out_ += ">\r\n";
}

void Writer::Leaf(std::string_view q, std::string_view text) { Leaf(q, {}, text); }

void Writer::Leaf(std::string_view q, const std::vector<std::pair<std::string, std::string>>& attrs,
                  std::string_view text) {
  StartTag(q, attrs);
  out_ += '>';
  Escape(out_, text, false);
  out_ += "</";
  out_ += q;
  out_ += ">\r\n";
}

void Writer::Empty(std::string_view q,
                   const std::vector<std::pair<std::string, std::string>>& attrs) {
  StartTag(q, attrs);
  out_ += "/>\r\n";
}

}  // namespace sluis::codecs::xml
