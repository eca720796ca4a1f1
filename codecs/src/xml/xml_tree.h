// Private to codecs/: namespace-aware reading of pugixml trees (pugixml itself ignores
// namespaces) and a small XML writer that produces what the standards ask of our output:
// UTF-8 without BOM, CRLF line ends (OP192), proper escaping.
#pragma once

#include <utility>

#include <string>
#include <string_view>
#include <vector>

#include <pugixml.hpp>

namespace sluis::codecs::xml {

std::string_view LocalName(std::string_view qname);
std::string_view Prefix(std::string_view qname);

// Namespace bindings in scope during a walk down the tree. Push an element's xmlns
// declarations when entering it and pop them when leaving.
class NamespaceScope {
 public:
  // Returns how many bindings e declared; give that number to Pop.
  int Push(const pugi::xml_node& e);
  void Pop(int n) {
    if (n > 0) stack_.resize(stack_.size() - static_cast<size_t>(n));
  }
  // URI bound to prefix ("" is the default namespace); empty view when unbound.
  std::string_view Resolve(std::string_view prefix) const;
  std::string_view NamespaceOf(const pugi::xml_node& e) const { return Resolve(Prefix(e.name())); }
  bool Is(const pugi::xml_node& e, std::string_view ns, std::string_view local) const {
    return LocalName(e.name()) == local && NamespaceOf(e) == ns;
  }

 private:
  std::vector<std::pair<std::string_view, std::string_view>> stack_;
};

// Namespace of e, found by walking up its ancestors (for small documents: SOAP, CPA).
std::string_view NamespaceOf(const pugi::xml_node& e);
// Namespace of attribute a on element e ("" for an unprefixed attribute).
std::string_view AttributeNamespace(const pugi::xml_node& e, const pugi::xml_attribute& a);
// First child element with namespace ns and local name local.
pugi::xml_node Child(const pugi::xml_node& e, std::string_view ns, std::string_view local);
// Attribute with namespace ns ("" = unprefixed) and local name, or an empty attribute.
pugi::xml_attribute Attribute(const pugi::xml_node& e, std::string_view ns, std::string_view local);
// All text (PCDATA and CDATA) directly inside e, concatenated.
std::string Text(const pugi::xml_node& e);
// The same with leading/trailing XML whitespace removed (for non-string simple types).
std::string_view Trim(std::string_view s);

// Builds indented XML with CRLF line ends into a string.
class Writer {
 public:
  // indent: two spaces per level. Large payloads are written without (one element per line)
  // to stay well inside the 25 MB limit.
  explicit Writer(std::string& out, bool indent = true) : out_(out), indent_(indent) {}
  void Declaration();  // <?xml version="1.0" encoding="UTF-8"?>
  // attrs: name/value pairs, values are escaped.
  void Open(std::string_view qname,
            const std::vector<std::pair<std::string, std::string>>& attrs = {});
  void Close(std::string_view qname);
  void Leaf(std::string_view qname, std::string_view text);
  // A text-only element with attributes: <q a="v">text</q>.
  void Leaf(std::string_view qname, const std::vector<std::pair<std::string, std::string>>& attrs,
            std::string_view text);
  // An element with attributes and no content: <q a="v"/>.
  void Empty(std::string_view qname,
             const std::vector<std::pair<std::string, std::string>>& attrs = {});
  int depth() const { return depth_; }

  static void Escape(std::string& out, std::string_view text, bool in_attribute);

 private:
  void Indent();
  // Indents and writes `<q` with the attributes, leaving the tag open.
  void StartTag(std::string_view q, const std::vector<std::pair<std::string, std::string>>& attrs);
  std::string& out_;
  bool indent_;
  int depth_ = 0;
};

}  // namespace sluis::codecs::xml
