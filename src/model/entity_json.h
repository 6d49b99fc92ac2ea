// model/entity_json.h: the entity model as JSON, both ways.
//
//   std::string json = EntityToJson(entity);           // canonical, compact
//   ASSIGN_OR_RETURN(Entity back, EntityFromJson(json));  // back == entity
//
// The JSON is canonical: the same entity always gives the same bytes (fields in a fixed
// order, empty fields left out), so the store can compare digests to find changed records
// and `cordon show --json` output is stable. Field names follow FtM property names where one
// exists (see docs/formats/ftm.md).
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "base/status.h"
#include "model/entity.h"

namespace cordon::model {

nlohmann::ordered_json EntityToJsonValue(const Entity& entity);
std::string EntityToJson(const Entity& entity);
// Corruption with the offending field named if `json` is not an entity document.
Result<Entity> EntityFromJson(std::string_view json);

}  // namespace cordon::model
