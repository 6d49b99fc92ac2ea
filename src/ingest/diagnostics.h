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
// A parser reports through a Reporter, which names the file once:
//
//   Reporter report(document.main.name, diagnostics);
//   report.Report(Diagnostic::Severity::kWarning, record.line, id, "unknown country 'Xanadu'");
//
// Thread safety: a sink, and a Reporter, is used by one parser at a time.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
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

// Reports diagnostics about one file to a sink.
class Reporter {
 public:
  Reporter() = default;
  // REQUIRES: sink != nullptr and outlives the reporter.
  Reporter(std::string file, DiagnosticSink* sink) : file_(std::move(file)), sink_(sink) {}

  // Reports {severity, file(), line, record_id, message}. `line` is 1-based, 0 for "the whole
  // document"; `record_id` is "" when no id could be read.
  // REQUIRES: the reporter was constructed with a sink.
  void Report(Diagnostic::Severity severity, int64_t line, std::string_view record_id,
              std::string message) const {
    sink_->Report({severity, file_, line, std::string(record_id), std::move(message)});
  }

  const std::string& file() const { return file_; }

 private:
  std::string file_;
  DiagnosticSink* sink_ = nullptr;
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
