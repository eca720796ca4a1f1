// Private to codecs/: reading helpers on top of xml_tree.h for the schema-shaped documents of
// ebMS (SOAP envelopes, CPAs): element children by namespace and local name, simple content, and
// a walker that checks children against an XSD <sequence>.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <pugixml.hpp>

namespace sluis::codecs::xml {

// n is an element {ns}local.
bool IsElement(const pugi::xml_node& n, std::string_view ns, std::string_view local);
// The element children {ns}local of e, in document order.
std::vector<pugi::xml_node> Elements(const pugi::xml_node& e, std::string_view ns,
                                     std::string_view local);
// e has at least one element child (simple content must not).
bool HasElementChildren(const pugi::xml_node& e);
// Value of attribute {ns}local ("" ns = unprefixed), or nullopt when absent.
std::optional<std::string> AttributeValue(const pugi::xml_node& e, std::string_view ns,
                                          std::string_view local);
// xs:boolean after whitespace collapsing: true/false/1/0.
std::optional<bool> ParseXsBoolean(std::string_view text);
// xs:integer (optional sign, digits) that fits in int64.
std::optional<long long> ParseXsInteger(std::string_view text);

// Walks the element children of a parent in document order, for checking them against an XSD
// <sequence>: take the expected elements in schema order, then ask what is left.
class SequenceReader {
 public:
  explicit SequenceReader(const pugi::xml_node& parent);
  // The next element if it is {ns}local (and moves past it); otherwise an empty node.
  pugi::xml_node Take(std::string_view ns, std::string_view local);
  // All consecutive next elements {ns}local.
  std::vector<pugi::xml_node> TakeAll(std::string_view ns, std::string_view local);
  // Moves past elements in a namespace other than target_ns (xs:any namespace="##other").
  void SkipOther(std::string_view target_ns);
  // The next element not yet taken (empty when none is left).
  pugi::xml_node Peek() const { return next_; }
  bool AtEnd() const { return !next_; }

 private:
  static pugi::xml_node NextElement(pugi::xml_node n);
  pugi::xml_node next_;
};

}  // namespace sluis::codecs::xml
