#include "sluis/codecs/retourcodes.h"

#include <pugixml.hpp>

namespace sluis::codecs {

std::map<std::string, std::string> ParseRetourcodeTexts(std::string_view xsd) {
  return ParseEnumerationTexts(xsd, "LDT_RetourCode");
}

std::map<std::string, std::string> ParseEnumerationTexts(std::string_view xsd,
                                                         std::string_view type_name) {
  std::map<std::string, std::string> out;
  pugi::xml_document doc;
  if (!doc.load_buffer(xsd.data(), xsd.size())) return out;
  pugi::xpath_variable_set vars;
  vars.set("name", std::string(type_name).c_str());
  const pugi::xpath_query query(
      "/*[local-name()='schema']/*[local-name()='simpleType'][@name=string($name)]", &vars);
  const pugi::xpath_node type = doc.select_node(query);
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
