// ingest/internal/xml_document.h: what every XML list parser needs around pugixml.
//
//   ASSIGN_OR_RETURN(std::unique_ptr<XmlInput> input,
//                    LoadXml(document.main, "sdnList", "an OFAC sdnList document", diagnostics));
//   ForEachChild(input->root, "sdnEntry", [&](pugi::xml_node entry) { ... });
//   int64_t line = input->lines.LineOf(entry.offset_debug());  // for diagnostics
//
// Element names are matched by local name, so a default or prefixed namespace (OFAC's
// sdnList.xsd, the EU export namespace) needs no special handling.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <pugixml.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "ingest/diagnostics.h"
#include "ingest/internal/decode.h"
#include "ingest/list_parser.h"

namespace cordon::ingest::internal {

// 1-based line numbers for byte offsets into the buffer pugixml parsed.
class LineIndex {
 public:
  LineIndex() = default;
  explicit LineIndex(std::string_view text);
  // The line holding byte `offset`; 0 for a negative offset (pugixml's "unknown").
  int64_t LineOf(ptrdiff_t offset) const;

 private:
  std::vector<size_t> line_starts_;
};

// The document as UTF-8, which is what pugixml is then told to read: UTF-16/32 with a byte-order
// mark and encodings named in the XML declaration are transcoded through ICU; invalid UTF-8 is
// repaired (U+FFFD) with a warning, so every string that comes out is valid UTF-8.
// Corruption naming the file when the declared encoding cannot be decoded.
Result<Utf8Text> DecodeXml(const InputFile& file, DiagnosticSink* diagnostics);

// A parsed XML document with what diagnostics need. Not movable in spirit: `xml` and `lines`
// refer to `utf8`, so it lives behind the unique_ptr LoadXml returns.
struct XmlInput {
  Utf8Text utf8;
  LineIndex lines;
  pugi::xml_document xml;
  pugi::xml_node root;
};

// Decodes (DecodeXml) and parses `file`, and checks that its root element's local name is
// `root_name`. Corruption naming the file and line for an empty document, malformed XML, or
// another root ("not <description> (root element <x>, expected <root_name>)").
Result<std::unique_ptr<XmlInput>> LoadXml(const InputFile& file, std::string_view root_name,
                                          std::string_view description,
                                          DiagnosticSink* diagnostics);

// The name without its namespace prefix ("ns:entry" -> "entry").
std::string_view LocalName(const char* name);

// First child element with local name `name`, or a null node.
pugi::xml_node Child(pugi::xml_node parent, std::string_view name);

// Calls `fn` for each child element with local name `name`.
template <typename Fn>
void ForEachChild(pugi::xml_node parent, std::string_view name, Fn&& fn) {
  for (pugi::xml_node child = parent.first_child(); child; child = child.next_sibling()) {
    if (child.type() == pugi::node_element && LocalName(child.name()) == name) fn(child);
  }
}

// The element's text with whitespace collapsed; "" for a null or empty node.
std::string Text(pugi::xml_node node);
// Text of the first child element `name`; "" when there is none.
std::string ChildText(pugi::xml_node parent, std::string_view name);

}  // namespace cordon::ingest::internal
