// ingest/internal/ftm_json_parser.h: FollowTheMoney entities as JSON lines (OpenSanctions).
//
//   std::unique_ptr<ListParser> parser = NewFtmJsonParser();
//   Document doc{.main = {"entities.ftm.json", bytes}};
//   Result<ListMetadata> meta = parser->Parse(doc, "opensanctions", on_entity, &sink);
//
// Reads every line first, then emits one entity per Person, Organization, PublicBody, Company,
// LegalEntity, Vessel and Airplane, with the auxiliary FtM entities folded in: Sanction ->
// sanctions, Address -> addresses, Passport / Identification / CryptoWallet -> identifiers,
// Ownership / Directorship / Family / Associate / UnknownLink / Representation / Employment /
// Membership -> links on both parties (target_id is the other party's FtM id). References are
// resolved by id and by `referents`. The record id is the FtM id. OpenSanctions delta lines
// ({"op": "ADD"|"MOD"|"DEL", "entity": {...}}) are accepted; a DEL is reported as a warning.
// A line that is not JSON is an error diagnostic; a document with no JSON object line, or an
// empty one, is kCorruption. metadata.dataset is the most common dataset name, and
// metadata.published the latest `last_seen`.
// Format notes: docs/formats/ftm_json.md.
//
// Thread safety: see ListParser.
#pragma once

#include <memory>

#include "ingest/list_parser.h"

namespace cordon::ingest::internal {

// A parser for format "ftm-json". Never returns nullptr.
std::unique_ptr<ListParser> NewFtmJsonParser();

}  // namespace cordon::ingest::internal
