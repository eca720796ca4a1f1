#include "xml/xml_read.h"

#include <charconv>

#include "xml/xml_tree.h"

namespace sluis::codecs::xml {

bool IsElement(const pugi::xml_node& n, std::string_view ns, std::string_view local) {
  return n.type() == pugi::node_element && LocalName(n.name()) == local && NamespaceOf(n) == ns;
}

std::vector<pugi::xml_node> Elements(const pugi::xml_node& e, std::string_view ns,
                                     std::string_view local) {
  std::vector<pugi::xml_node> out;
  for (pugi::xml_node c = e.first_child(); c; c = c.next_sibling()) {
    if (IsElement(c, ns, local)) out.push_back(c);
  }
  return out;
}

bool HasElementChildren(const pugi::xml_node& e) {
  for (pugi::xml_node c = e.first_child(); c; c = c.next_sibling()) {
    if (c.type() == pugi::node_element) return true;
  }
  return false;
}

std::optional<std::string> AttributeValue(const pugi::xml_node& e, std::string_view ns,
                                          std::string_view local) {
  const pugi::xml_attribute a = Attribute(e, ns, local);
  if (!a) return std::nullopt;
  return std::string(a.value());
}

std::optional<bool> ParseXsBoolean(std::string_view text) {
  const std::string_view t = Trim(text);
  if (t == "true" || t == "1") return true;
  if (t == "false" || t == "0") return false;
  return std::nullopt;
}

std::optional<long long> ParseXsInteger(std::string_view text) {
  std::string_view t = Trim(text);
  if (!t.empty() && t[0] == '+') t.remove_prefix(1);
  if (t.empty() || t[0] == '+') return std::nullopt;
  long long v = 0;
  const auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
  if (ec != std::errc() || p != t.data() + t.size()) return std::nullopt;
  return v;
}

SequenceReader::SequenceReader(const pugi::xml_node& parent)
    : next_(NextElement(parent.first_child())) {}

pugi::xml_node SequenceReader::NextElement(pugi::xml_node n) {
  while (n && n.type() != pugi::node_element) n = n.next_sibling();
  return n;
}

pugi::xml_node SequenceReader::Take(std::string_view ns, std::string_view local) {
  if (!next_ || !IsElement(next_, ns, local)) return {};
  const pugi::xml_node taken = next_;
  next_ = NextElement(next_.next_sibling());
  return taken;
}

std::vector<pugi::xml_node> SequenceReader::TakeAll(std::string_view ns, std::string_view local) {
  std::vector<pugi::xml_node> out;
  while (pugi::xml_node n = Take(ns, local)) out.push_back(n);
  return out;
}

void SequenceReader::SkipOther(std::string_view target_ns) {
  // xs:any ##other: a namespace that is present and not the target namespace.
  while (next_) {
    const std::string_view ns = NamespaceOf(next_);
    if (ns.empty() || ns == target_ns) return;
    next_ = NextElement(next_.next_sibling());
  }
}

}  // namespace sluis::codecs::xml
