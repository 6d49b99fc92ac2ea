#include "ingest/diagnostics.h"

#include <gtest/gtest.h>

namespace cordon::ingest {
namespace {

TEST(ReporterTest, NamesItsFileInEveryDiagnostic) {
  CollectingDiagnosticSink sink;
  const Reporter report("sdn.csv", &sink);
  report.Report(Diagnostic::Severity::kError, 12, "306", "no name; row skipped");
  report.Report(Diagnostic::Severity::kWarning, 0, "", "the file is not UTF-8");
  ASSERT_EQ(sink.diagnostics().size(), 2u);
  EXPECT_EQ(sink.diagnostics()[0].ToString(),
            "sdn.csv:12 [record 306] error: no name; row skipped");
  EXPECT_EQ(sink.diagnostics()[1].ToString(), "sdn.csv warning: the file is not UTF-8");
  EXPECT_EQ(sink.error_count(), 1u);
  EXPECT_EQ(sink.warning_count(), 1u);
  EXPECT_EQ(report.file(), "sdn.csv");
}

}  // namespace
}  // namespace cordon::ingest
