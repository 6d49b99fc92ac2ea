// ingest/diagnostics.h: how parsers report defective records without stopping.
//
//   CollectingDiagnosticSink sink;
//   parser->Parse(document, "us_ofac_sdn", on_entity, &sink);
//   for (const Diagnostic& d : sink.diagnostics()) std::cerr << d.ToString() << "\n";
//
// A diagnostic names the file, the 1-based line where the record starts and the record id
// when one could be read. Warnings are data the parser repaired or set aside (an impossible
// date, an unknown country); errors are records, or parts of them, that were dropped.
//
// Thread safety: a sink is used by one parser at a time.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace cordon::ingest {

struct Diagnostic {
  enum class Severity { kWarning, kError };
  Severity severity = Severity::kError;
  std::string file;
  int64_t line = 0;  // 1-based; 0 when the format has no lines (it then says where in message)
  std::string record_id;
  std::string message;

  // "sdn.csv:12 [record 306] error: ..."
  std::string ToString() const;
};

class DiagnosticSink {
 public:
  virtual ~DiagnosticSink() = default;
  virtual void Report(Diagnostic diagnostic) = 0;
};

class CollectingDiagnosticSink final : public DiagnosticSink {
 public:
  void Report(Diagnostic diagnostic) override { diagnostics_.push_back(std::move(diagnostic)); }
  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }
  size_t error_count() const;
  size_t warning_count() const;

 private:
  std::vector<Diagnostic> diagnostics_;
};

}  // namespace cordon::ingest
