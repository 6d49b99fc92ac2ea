// cli/render.h: how entities, versions and deltas look on a terminal.
#pragma once

#include <ostream>
#include <utility>
#include <vector>

#include "model/entity.h"
#include "store/store.h"

namespace cordon::cli {

void PrintEntity(std::ostream& out, const model::Entity& entity);
void PrintSources(
    std::ostream& out,
    const std::vector<std::pair<store::SourceInfo, std::vector<store::VersionInfo>>>& sources);
void PrintDelta(std::ostream& out, const store::Delta& delta, size_t limit);

}  // namespace cordon::cli
