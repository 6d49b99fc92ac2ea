// Arbitrary bytes as an OFAC legacy CSV set: the input is split on NUL bytes into sdn.csv,
// add.csv, alt.csv and sdn_comments.csv. The parser must never crash and must keep the
// ListParser contract (see fuzz_support.h); every entity carries a sanction and every
// diagnostic a line.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "ingest/internal/fuzz_support.h"
#include "ingest/internal/ofac_csv_parser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace cordon;
  using namespace cordon::ingest;
  using namespace cordon::ingest::internal;
  constexpr std::string_view kRoles[] = {"add", "alt", "comments"};
  constexpr std::string_view kNames[] = {"add.csv", "alt.csv", "sdn_comments.csv"};
  std::string_view input(reinterpret_cast<const char*>(data), size);
  Document document;
  size_t end = input.find('\0');
  document.main = {"sdn.csv", input.substr(0, end)};
  for (size_t role_idx = 0; role_idx < 3 && end != std::string_view::npos; ++role_idx) {
    input.remove_prefix(end + 1);
    end = input.find('\0');
    document.companions.emplace_back(
        std::string(kRoles[role_idx]),
        InputFile{std::string(kNames[role_idx]), input.substr(0, end)});
  }
  static const std::unique_ptr<ListParser> parser = NewOfacCsvParser();
  FuzzParse(*parser, document, "us_ofac_sdn",
            {.entity = [](const model::Entity& e) { return !e.sanctions.empty(); },
             .diagnostics_have_lines = true});
  return 0;
}
