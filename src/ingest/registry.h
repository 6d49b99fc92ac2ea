// ingest/registry.h: which parser reads a file, and which source its entities belong to.
//
//   std::vector<InputFile> files = ...;  // names and bytes as given on the command line
//   ASSIGN_OR_RETURN(std::vector<PlannedDocument> plan, PlanDocuments(files, ""));
//   for (const PlannedDocument& doc : plan) {
//     std::unique_ptr<ListParser> parser = MakeParser(doc.format);
//     parser->Parse(doc.document, doc.source, on_entity, &sink);
//   }
//
// Formats are detected from content (root element, header line, record shape), with the
// file name used only where content cannot tell (OFAC's SDN vs consolidated non-SDN files,
// the roles of OFAC companion files). Detection reads at most the first 64 KiB.
#pragma once

#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "ingest/list_parser.h"

namespace cordon::ingest {

struct FormatInfo {
  std::string_view name;            // "ofac-legacy-csv"
  std::string_view default_source;  // "us_ofac_sdn"
  std::string_view description;
};

// Every format cordon reads, in a stable order.
std::span<const FormatInfo> Formats();

// A new parser for `format`, or nullptr when the format is unknown.
std::unique_ptr<ListParser> MakeParser(std::string_view format);

// The format of one file, or InvalidArgument naming the file when nothing matches.
Result<std::string> DetectFormat(std::string_view file_name, std::string_view bytes);

// The store source a file of `format` goes to by default ("us_ofac_cons" for cons_prim.csv).
std::string DefaultSource(std::string_view format, std::string_view file_name);

struct PlannedDocument {
  std::string format;
  std::string source;
  Document document;  // views into the bytes of the InputFiles given to PlanDocuments
};

// Groups `files` into documents: OFAC companion files (add.csv, alt.csv, sdn_comments.csv,
// cons_add.csv, ...) join their main file. With `forced_format` non-empty every file is read
// as that format. InvalidArgument when a file's format cannot be detected, or a companion
// file has no main file beside it.
Result<std::vector<PlannedDocument>> PlanDocuments(std::span<const InputFile> files,
                                                   std::string_view forced_format);

}  // namespace cordon::ingest
