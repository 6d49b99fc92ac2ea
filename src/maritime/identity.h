// maritime/identity.h: checks on who a vessel says it is: IMO check digits and the country
// that an MMSI's Maritime Identification Digits (MID) assign it to.
//
//   ImoCheckDigitValid(9383663);                        // true
//   ASSIGN_OR_RETURN(const MidTable* mids, MidTable::Bundled());
//   const MidCountry* c = mids->Find(MmsiMid(273123456));  // {273, "RU", "RU", "Russian ..."}
//   bool ok = FlagAgreesWithMid(*c, "PA");               // false
//
// The MID table is ITU's allocation as published in schwehr/libais (docs/mid.csv, Apache-2.0),
// bundled as data/maritime/mid.csv. ITU names its entries in its own style ("Liberia (Republic
// of)", "Azores - Portugal"); Parse turns each into ISO 3166-1 alpha-2 codes for the territory
// and for the state whose flag it is.
//
// Thread safety: MidTable is immutable once built; Bundled() loads once, thread-safely.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace cordon::maritime {

// True for a 7-digit IMO ship number whose last digit is the sum of the first six weighted
// 7, 6, 5, 4, 3, 2, modulo 10. False for 0 and for anything not of 7 digits.
bool ImoCheckDigitValid(uint32_t imo);
// The check digit the first six digits of a 7-digit `imo` call for; -1 when it is not 7 digits.
int ImoExpectedCheckDigit(uint32_t imo);

// The MID of a ship station MMSI (9 digits, MIDXXXXXX, MID 201..775); 0 for any other kind of
// MMSI (coast stations, groups, SAR aircraft, AIS-SART, aids to navigation, craft associated
// with a parent ship) and for numbers that are not 9 digits.
uint16_t MmsiMid(uint32_t mmsi);

struct MidCountry {
  uint16_t mid = 0;
  std::string code;       // ISO alpha-2 of the territory or state ("PT" for Azores, "HK")
  std::string sovereign;  // ISO alpha-2 of the flag state ("PT", "CN"); == code when no " - "
  std::string name;       // ITU's name as written in the table
};

// True when `flag` (ISO alpha-2, any case) is the MID's country or its sovereign state: a ship
// with an Azores MID may be listed under Portugal, one with a Hong Kong MID under China.
bool FlagAgreesWithMid(const MidCountry& country, std::string_view flag);

class MidTable {
 public:
  // From CSV text with a "prefix,country" header, as libais publishes it. Corruption naming
  // the line for a malformed row or a country name that cannot be mapped to an ISO code.
  static Result<MidTable> Parse(std::string_view csv);
  // data/maritime/mid.csv, loaded on first use. IoError / Corruption naming the file.
  static Result<const MidTable*> Bundled();

  // The entry for `mid`, or nullptr when the MID is not allocated.
  const MidCountry* Find(uint16_t mid) const;
  // Find(MmsiMid(mmsi)); nullptr for non-ship MMSIs too.
  const MidCountry* FindForMmsi(uint32_t mmsi) const { return Find(MmsiMid(mmsi)); }
  size_t size() const { return entries_.size(); }
  const std::vector<MidCountry>& entries() const { return entries_; }

 private:
  std::vector<MidCountry> entries_;  // sorted by mid
};

}  // namespace cordon::maritime
