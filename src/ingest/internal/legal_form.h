// ingest/internal/legal_form.h: does a name carry a company legal form? One rule for every
// parser whose list does not say whether an entity is a company (OFAC XML and UN XML tell
// entities from people but not companies from organisations; the DPL and the CSL's untyped rows
// say nothing at all).
//
//   HasCompanyLegalForm("ELMONT AG")                        // true: "ag" ends the name
//   HasCompanyLegalForm("AG ELMONT")                        // false
//   HasCompanyLegalForm("OTKRYTOE AKTSIONERNOE OBSHCHESTVO") // true: "open joint-stock company"
//
// The forms are rigour's table (text::NameDictionaries::MatchLegalForm), so the parsers and the
// matcher agree on what a legal form is, with what the lists need on top:
//  - words rigour does not hold as forms but the lists use for companies ("company",
//    "corporation", "fzc", "sdn", "anstalt", "holding", "joint stock", ...) count;
//  - forms rigour classes as non-profit, religious, military, cooperative or state bodies
//    (generic NGO, REL, MIL, COOP, SOE: "e.V.", "cooperation", "federal state budgetary
//    institution") do not make a company;
//  - a one-word form of one or two letters counts only as the last word of a longer name, and
//    only if it is one the lists use so ("... AG", "... A.S.", "... K.K.", "..., AO"), because
//    such words are also name parts ("KIM SONG II"); a one-word form of three letters counts
//    anywhere only if the lists write it so ("LTD", "OOO", "JSC"), otherwise only last ("Chan
//    Sau Luen" is a person, "... SAU" a Spanish single-member company).
// Before this rule the OFAC XML, UN XML and DPL/CSL parsers each had a word list of their own.
//
// Thread safety: a pure function (the dictionary is immutable).
#pragma once

#include <string_view>

namespace cordon::ingest::internal {

// True when `name` (UTF-8, any script) carries a company legal form by the rules above.
bool HasCompanyLegalForm(std::string_view name);

}  // namespace cordon::ingest::internal
