// ingest/internal/bods_json_parser.h: Beneficial Ownership Data Standard (BODS) statements.
//
//   std::unique_ptr<ListParser> parser = NewBodsJsonParser();
//   Document doc{.main = {"statements.json", bytes}};
//   Result<ListMetadata> meta = parser->Parse(doc, "bods", on_entity, &sink);
//
// Reads BODS 0.4 statements (statementId, statementDate, recordId, recordType entity | person |
// relationship, recordStatus, recordDetails) as a JSON array or as JSON lines, and BODS 0.2 /
// 0.3 statements (statementID, statementType entityStatement | personStatement |
// ownershipOrControlStatement, flat fields, describedBy...Statement references,
// replacesStatements) in either serialisation, mixed freely.
//
// Records: the statements of one recordId (0.2 / 0.3: one statementID, which a later statement
// may replace) describe one record; the latest by statementDate, then document order, is in
// force; when it closes the record but gives no name (a relationship: no parties and
// interests), the record is read from the latest statement that does. Each entity
// and person record becomes one entity, record id = recordId (entity id
// "<source>:<recordId>"): registeredEntity -> Company, state / stateBody -> Organization, other
// entity types -> LegalEntity, persons -> Person. Names (person names by type: legal (0.4) or
// individual (0.2 / 0.3) -> primary, former / birth -> former name, others strong aliases, with
// their parts), identifiers by scheme (XI-LEI / LEI -> lei, RU-INN -> inn, RU-OGRN -> ogrn, a
// country register such as GB-COH -> registration, {ISO3}-PASSPORT / -TAXID / -IDCARD -> passport /
// tax id / national id, else other; the label is the scheme), jurisdiction, nationalities, birth
// date and place, founding date and addresses are read. Persons of type anonymousPerson /
// unknownPerson are not emitted. Entities may be nameless (an unknownEntity in a chain); unlike the
// sanctions formats, ownership formats do not promise a name.
//
// Each interest of a relationship record becomes one Link on the SUBJECT's entity, target_id =
// the interested party's recordId, target_name = its name:
//   shareholding -> kOwnedBy "shares"; votingRights -> kOwnedBy "voting";
//   appointmentOfBoard -> kControlledBy "board";
//   otherInfluenceOrControl, controlViaCompanyRulesOrArticles, controlByLegalFramework,
//   rightsGrantedByContract, settlor, trustee, protector, nominator -> kControlledBy "control";
//   seniorManagingOfficial, boardMember, boardChair -> kControlledBy "officer";
//   economic benefits without ownership or control (beneficiaryOfLegalArrangement, rights to
//   profit, income or surplus assets, enjoyment of assets), conditional rights (0.2:
//   rights-granted-by-contract), nominee and unknown or unpublished interests -> kOther with
//   no interest, so that nothing is counted that the statement does not say.
// share is "30" for an exact share and "25-50" for a band (an exclusive bound keeps its number
// and the note says "exclusive minimum" / "exclusive maximum"); start / end are the interest's
// dates, and a closed relationship record ends, when its interest does not say, on the
// closing statementDate. An indirect interest of a relationship whose component records are
// published beside it is kept as kOther ("indirect"), because the chain of direct links
// already carries it and graph/ would otherwise count it twice.
// Relationships whose interested party is unspecified, or an anonymous or unknown person, are
// skipped with a warning; a subject that is not a record of the document is an error.
// metadata.published is the latest publicationDetails.publicationDate. Record ids are kept as
// written; one that contains ':' is reported, since an id with ':' names another source's
// entity wherever ids are resolved (graph/load.h).
//
// A statement that is not JSON or not an object, or lacks its record id or type, is an error
// diagnostic and skipped. An empty document, a JSON array that does not close, or a document
// in which nothing is a JSON object is kCorruption naming the file.
//
// Thread safety: see ListParser.
#pragma once

#include <memory>

#include "ingest/list_parser.h"

namespace cordon::ingest::internal {

// A parser for format "bods-json". Never returns nullptr.
std::unique_ptr<ListParser> NewBodsJsonParser();

}  // namespace cordon::ingest::internal
