// ingest/internal/ftm_json_parser.h: FollowTheMoney JSON lines.
// Format notes: docs/formats/ftm_json.md.
#pragma once

#include <memory>

#include "ingest/list_parser.h"

namespace cordon::ingest::internal {

std::unique_ptr<ListParser> NewFtmJsonParser();

}  // namespace cordon::ingest::internal
