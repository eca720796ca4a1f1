// Private to codecs/: the hardened front door for every XML document the codecs read. Before a
// byte reaches pugixml or libxml2 it must be valid UTF-8 without forbidden control characters,
// within the size limit, and have no DOCTYPE (which rules out external entities and entity
// expansion). After parsing, element nesting is bounded.
#pragma once

#include <string_view>

#include <pugixml.hpp>

#include "sluis/codecs/result.h"

namespace sluis::codecs::xml {

// Valid UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF) and no C0 control
// characters other than tab, LF and CR (XML 1.0 Char production). Location names the byte offset.
Status CheckUtf8(std::string_view text);

// Refuses a DOCTYPE in the prolog (the only place one can appear).
Status CheckNoDoctype(std::string_view text);

// Character references (&#N; and &#xN;) must name an XML Char (#x9, #xA, #xD, #x20-#xD7FF,
// #xE000-#xFFFD, #x10000-#x10FFFF): pugixml decodes any code point, and &#0; would silently end
// the value. Comments, CDATA sections and processing instructions are skipped.
Status CheckCharReferences(std::string_view text);

// All input checks, then parses into doc (pugixml, no DOCTYPE processing). On failure the
// error says what and where ("line 12"). max_bytes: refuse longer input. check_depth: refuse
// nesting deeper than kMaxXmlDepth; a caller that only descends along a fixed schema (the
// payload reader) may skip that walk, since it stops at the first element it does not know.
Status Parse(std::string_view text, pugi::xml_document& doc, size_t max_bytes,
             bool check_depth = true);

// Deepest element nesting in the tree (iterative: safe for hostile depth).
int MaxDepth(const pugi::xml_node& root);

// The line number of byte offset `offset` in text (1-based), for error locations.
int LineOf(std::string_view text, ptrdiff_t offset);

}  // namespace sluis::codecs::xml
