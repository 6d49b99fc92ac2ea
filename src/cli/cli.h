// cli/cli.h: the `cordon` command line, callable in-process (main() and tests use it).
//
//   std::ostringstream out, err;
//   int code = RunCordon({"cordon", "lists", "--db", "x.db", "--json"}, out, err);
//
// Returns the process exit code: 0 success, 1 an operation failed (the message on `err`
// names the file, line or field), 2 a usage error.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace cordon::cli {

int RunCordon(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace cordon::cli
