#include "ingest/list_parser.h"

#include "ingest/diagnostics.h"

namespace cordon::ingest {

void SetProvenance(model::Entity& entity, std::string_view source, std::string_view record_id,
                   std::string_view format) {
  entity.id = std::string(source) + ":" + std::string(record_id);
  entity.provenance.source = std::string(source);
  entity.provenance.record_id = std::string(record_id);
  entity.provenance.format = std::string(format);
}

std::string Diagnostic::ToString() const {
  std::string out = file;
  if (line > 0) out += ":" + std::to_string(line);
  if (!record_id.empty()) out += " [record " + record_id + "]";
  out += severity == Severity::kError ? " error: " : " warning: ";
  out += message;
  return out;
}

size_t CollectingDiagnosticSink::error_count() const {
  size_t n = 0;
  for (const auto& d : diagnostics_) n += d.severity == Diagnostic::Severity::kError;
  return n;
}

size_t CollectingDiagnosticSink::warning_count() const {
  return diagnostics_.size() - error_count();
}

}  // namespace cordon::ingest
