// monitor/customer.h: a book's customer record, stored, compared and indexed.
//
//   std::string json = CustomerJson(query);        // canonical: equal records, equal text
//   ASSIGN_OR_RETURN(match::Query back, CustomerFromJson(json));
//   model::Entity as_listed = CustomerEntity(query);  // for the book's own index
//
// A customer is what `cordon screen` reads (match/query_reader.h): names, birth dates,
// countries, identifiers and a schema. Its canonical JSON is how a book stores it and what its
// digest is taken of, so a customer "changed" exactly when something the matcher reads changed
// (names are kept in order: the first is the one shown).
//
// Re-screening runs the matcher the other way round (monitor/rescreen.h): the book's customers
// become the entities of an index (CustomerEntity) and a listed entity the query
// (match::MatchIndex::SearchMirrored reads it as the lists' index prepared it).
//
// Thread safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "base/status.h"
#include "match/query.h"
#include "model/entity.h"

namespace cordon::monitor {

// {"id","schema","names":[...],"birth_dates":["1952-10-07"],"countries":["RU"],
//  "identifiers":[["imo","9187629"],...]}, compact, members in this order, empty ones left out.
std::string CustomerJson(const match::Query& customer);
// The inverse of CustomerJson. InvalidArgument naming the member that cannot be read.
Result<match::Query> CustomerFromJson(std::string_view json);
// SHA-256 of CustomerJson, the first 16 hex digits: what tells a changed customer.
std::string CustomerDigest(const match::Query& customer);

// The customer as an entity of the book's index: id "book:<customer id>", its names as primary
// names, birth dates, countries (as nationality) and identifiers. A customer with no schema is
// a LegalEntity.
model::Entity CustomerEntity(const match::Query& customer);

}  // namespace cordon::monitor
