#include "ingest/internal/eu_csv_parser.h"

namespace cordon::ingest::internal {
namespace {

class StubParser final : public ListParser {
 public:
  explicit StubParser(std::string_view format) : format_(format) {}
  std::string_view format() const override { return format_; }
  Result<ListMetadata> Parse(const Document&, std::string_view, const EntityCallback&,
                             DiagnosticSink*) override {
    return UnimplementedError(std::string(format_) + " parser is not written yet");
  }

 private:
  std::string_view format_;
};

}  // namespace

std::unique_ptr<ListParser> NewEuCsvParser() { return std::make_unique<StubParser>("eu-fsf-csv"); }

}  // namespace cordon::ingest::internal
