#include "ingest/internal/xml_document.h"

#include <algorithm>

#include "base/strings.h"
#include "text/encoding.h"

namespace cordon::ingest::internal {
namespace {

std::string DeclaredEncoding(std::string_view bytes) {
  if (!bytes.starts_with("<?xml")) return "";
  std::string_view decl = bytes.substr(0, bytes.find("?>"));
  size_t pos = decl.find("encoding");
  if (pos == std::string_view::npos) return "";
  pos = decl.find_first_of("\"'", pos);
  if (pos == std::string_view::npos) return "";
  size_t end = decl.find(decl[pos], pos + 1);
  if (end == std::string_view::npos) return "";
  return AsciiLower(decl.substr(pos + 1, end - pos - 1));
}

}  // namespace

LineIndex::LineIndex(std::string_view text) {
  line_starts_.push_back(0);
  for (size_t pos = text.find('\n'); pos != std::string_view::npos;
       pos = text.find('\n', pos + 1)) {
    line_starts_.push_back(pos + 1);
  }
}

int64_t LineIndex::LineOf(ptrdiff_t offset) const {
  if (offset < 0) return 0;
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), static_cast<size_t>(offset));
  return static_cast<int64_t>(it - line_starts_.begin());
}

Result<Utf8Text> DecodeXml(const InputFile& file, DiagnosticSink* diagnostics) {
  std::string_view bytes = file.bytes;
  const char* charset = nullptr;
  std::string declared;
  if (bytes.starts_with(std::string_view("\xFF\xFE\x00\x00", 4)) ||
      bytes.starts_with(std::string_view("\x00\x00\xFE\xFF", 4))) {
    charset = "UTF-32";
  } else if (bytes.starts_with("\xFF\xFE") || bytes.starts_with("\xFE\xFF")) {
    charset = "UTF-16";
  } else {
    bytes = text::StripUtf8Bom(bytes);
    declared = DeclaredEncoding(bytes);
    // A declaration we could read as ASCII cannot be right about UTF-16/32; ignore it then.
    if (!declared.empty() && declared != "utf-8" && declared != "utf8" &&
        !declared.starts_with("utf-16") && !declared.starts_with("utf-32") &&
        !declared.starts_with("ucs")) {
      charset = declared.c_str();
    }
  }
  if (charset == nullptr) return DecodeUtf8Text(file, NotUtf8::kRepairWithWarning, diagnostics);
  ASSIGN_OR_RETURN(Utf8Text converted, ConvertToUtf8(file, bytes, charset));
  // A UTF-16/32 byte-order mark comes out as a UTF-8 one.
  const std::string_view text = converted.text();
  if (text::StripUtf8Bom(text).size() == text.size()) return converted;
  return Utf8Text::Own(std::string(text::StripUtf8Bom(text)));
}

Result<std::unique_ptr<XmlInput>> LoadXml(const InputFile& file, std::string_view root_name,
                                          std::string_view description,
                                          DiagnosticSink* diagnostics) {
  auto input = std::make_unique<XmlInput>();
  ASSIGN_OR_RETURN(input->utf8, DecodeXml(file, diagnostics));
  if (StripWhitespace(input->utf8.text()).empty()) {
    return CorruptionError(file.name + ":1: empty document");
  }
  input->lines = LineIndex(input->utf8.text());
  const pugi::xml_parse_result parsed =
      input->xml.load_buffer(input->utf8.text().data(), input->utf8.text().size(),
                             pugi::parse_default, pugi::encoding_utf8);
  if (!parsed) {
    return CorruptionError(file.name + ":" + std::to_string(input->lines.LineOf(parsed.offset)) +
                           ": malformed XML: " + parsed.description());
  }
  input->root = input->xml.document_element();
  if (!input->root || LocalName(input->root.name()) != root_name) {
    return CorruptionError(file.name + ":" +
                           std::to_string(input->lines.LineOf(input->root.offset_debug())) +
                           ": not " + std::string(description) + " (root element <" +
                           input->root.name() + ">, expected <" + std::string(root_name) + ">)");
  }
  return input;
}

std::string_view LocalName(const char* name) {
  std::string_view n(name);
  size_t colon = n.rfind(':');
  return colon == std::string_view::npos ? n : n.substr(colon + 1);
}

pugi::xml_node Child(pugi::xml_node parent, std::string_view name) {
  for (pugi::xml_node child = parent.first_child(); child; child = child.next_sibling()) {
    if (child.type() == pugi::node_element && LocalName(child.name()) == name) return child;
  }
  return {};
}

std::string Text(pugi::xml_node node) { return CollapseWhitespace(node.child_value()); }

std::string ChildText(pugi::xml_node parent, std::string_view name) {
  return Text(Child(parent, name));
}

}  // namespace cordon::ingest::internal
