// ingest/internal/uk_ofsi_csv_text.h: the free-text cells of the 2018 OFSI consolidated list.
//
//   SplitEnumerated("(1) Saudi Arabia (2) Qatar");           // {"Saudi Arabia", "Qatar"}
//   OfsiCountryCodes("Afghanistan (since 2009)");           // {"AF"}
//   ExtractDocuments("(1) 106261543 (Kuwaiti) (2) 1420529", IdentifierType::kPassport, ...);
//
// HM Treasury typed these cells by hand: several values go into one cell numbered "(1) .. (2)",
// "1) .. 2)", "a) .. b)" or "(1)-(2) X (3) Y"; countries come as names, demonyms and phrases
// ("Kuwaiti citizenship withdrawn in 2002"); passport cells mix numbers, issue dates and
// notes. These functions pull out what can be read with confidence and leave the rest as text.
//
// Thread safety: pure functions over immutable tables.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "model/entity.h"

namespace cordon::ingest::internal {

// The items of a cell that numbers its values: "(1) A (2) B", "1) A 2) B", "a) A b) B",
// "(a) A (b) B", "(1)-(2) A (3) B", "(1) to (6) A". Text before the first marker is an item too
// (it is often a label such as "Passport No:"). Items are trimmed of whitespace and of leading
// and trailing ",;-"; empty items and the range words "to"/"and" are dropped. A cell without
// markers is a single item.
std::vector<std::string> SplitEnumerated(std::string_view text);

// The ISO alpha-2 codes named by one country phrase as the 2018 list writes them: country names
// ("Syrian Arab Republic"), demonyms ("Afghan"), phrases with notes ("Afghanistan (since 2009)",
// "In Syria as at June 2013", "Kuwaiti citizenship withdrawn in 2002"), a place before its
// country ("Latakia Province, Syria"), two countries ("DRC and Belgian nationalities") and the
// misspellings the file has ("Afganistan", "Trinadad and Tobago"). Empty when nothing maps.
std::vector<std::string> OfsiCountryCodes(std::string_view phrase);

// True when `phrase` is, as a whole, a country name or demonym (no notes around it): the
// CountryRef then needs no `text`.
bool IsPlainCountry(std::string_view phrase);

// The document numbers in a "Passport Details" or "NI Number" cell, one Identifier per number:
// value the number as written ("SE 012820", "A-333602"), country when the item names it
// ("(Kuwaiti)", "Qatari passport no."), label `label`, note the item's text. Italian fiscal
// codes become kTaxId. Items without a number are added to `leftovers`; an item whose number
// was mangled into scientific notation by a spreadsheet ("2.81083E+11") too.
std::vector<model::Identifier> ExtractDocuments(std::string_view cell, model::IdentifierType type,
                                                std::string_view label,
                                                std::vector<std::string>* leftovers);

// The UN reference an "Other Information" cell cites ("UN Ref QDe.004." -> "QDe.004",
// "UN REF No.YEi.004" -> "YEi.004", "UN Ref E.29.II.9." -> "E.29.II.9"); "" when there is none.
std::string ExtractUnReference(std::string_view other_information);

// Identifiers, contacts and the flag an "Other Information" cell states in a fixed form:
// "IMO: 8937675", "(IMO number: 7303803)", "MMSI: 445539000", "SWIFT/BIC: KDBKKPPY",
// "Flag State: Palau.", "Email address antey@almaz-antey.ru", "Website: www.behinehco.ir".
struct OtherInformationFacts {
  std::vector<model::Identifier> identifiers;
  std::vector<std::string> emails;
  std::vector<std::string> websites;
  std::string flag_text;  // as written, "" when none
};
OtherInformationFacts ExtractOtherInformationFacts(std::string_view other_information);

}  // namespace cordon::ingest::internal
