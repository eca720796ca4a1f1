#include "sluis/codecs/retourcodes.h"

#include <pugixml.hpp>

namespace sluis::codecs {

std::map<std::string, std::string> ParseRetourcodeTexts(std::string_view xsd) {
  std::map<std::string, std::string> out;
  pugi::xml_document doc;
  if (!doc.load_buffer(xsd.data(), xsd.size())) return out;
  const pugi::xpath_node type = doc.select_node(
      "/*[local-name()='schema']/*[local-name()='simpleType'][@name='LDT_RetourCode']");
  if (!type) return out;
  for (const pugi::xpath_node& e :
       type.node().select_nodes("*[local-name()='restriction']/*[local-name()='enumeration']")) {
    const pugi::xml_node doc_node =
        e.node().select_node("*[local-name()='annotation']/*[local-name()='documentation']").node();
    std::string text = doc_node.text().get();
    // Collapse the XSD's line breaks and indentation into single spaces.
    std::string clean;
    bool space = false;
    for (char c : text) {
      if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
        space = !clean.empty();
        continue;
      }
      if (space) clean += ' ';
      space = false;
      clean += c;
    }
    out[e.node().attribute("value").value()] = clean;
  }
  return out;
}

}  // namespace sluis::codecs
