# Writes UK-Sanctions-List.xml and UK-Sanctions-List.csv (run from this folder with python3).
# The designations are fictional; the element and column names follow the published structure
# (see docs/formats/uk_fcdo.md for the sources).
# Generates the FCDO fixtures (XML and CSV) from one description so both hold the same data.
import csv, io
from xml.sax.saxutils import escape

RUSSIA = "The Russia (Sanctions) (EU Exit) Regulations 2019"
ISIL = "The ISIL (Da'esh) and Al-Qaida (United Nations Sanctions) (EU Exit) Regulations 2019"

designations = [
 dict(LastUpdated="14/04/2026", DateDesignated="15/03/2022", UniqueID="RUS9001", OFSIGroupID="90001", UNReferenceNumber="",
      Names=[dict(Name1="Ivan", Name2="Petrovich", Name6="SIDORENKOV", NameType="Primary Name"),
             dict(Name1="Ivan", Name2="Petrovitch", Name6="SIDORENKOV", NameType="Primary name variation"),
             dict(Name6="Vanya SIDORENKOV", NameType="Alias", AliasStrength="Good quality a.k.a")],
      NonLatin=[("Иван Петрович СИДОРЕНКОВ", "Cyrillic", "Russian")], Titles=["Colonel"],
      RegimeName=RUSSIA, Type="Individual", Source="UK",
      SanctionsImposed="Asset freeze|Travel Ban|Director Disqualification Sanction",
      Indicators=dict(AssetFreeze="true", TravelBan="true", DirectorDisqualificationSanction="true"),
      OtherInformation="Fictional designation written for the cordon parser tests.",
      Reasons="Ivan SIDORENKOV is a fictional officer of a Russian state agency who is involved in destabilising Ukraine.",
      Addresses=[dict(AddressLine1="ul. Primernaya 1", AddressLine6="Moscow", AddressCountry="Russia")],
      Individual=dict(DOBs=["12/05/1961", "dd/mm/1962"], Nationalities=["Russia"], Positions=["Deputy Head of a fictional state agency"],
                      Genders=["Male"], Births=[("Omsk", "Russia")],
                      Passports=[("750000001", "Russian foreign travel passport")],
                      NationalIds=[("4500000001", "Russian internal passport")])),
 dict(LastUpdated="02/09/2026", DateDesignated="24/02/2022", UniqueID="RUS9002", OFSIGroupID="90002", UNReferenceNumber="",
      Names=[dict(Name6="OOO PRIMER TEKHNOLOGII", NameType="Primary Name"),
             dict(Name6="PRIMER TECHNOLOGIES LLC", NameType="Alias")],
      NonLatin=[("ООО ПРИМЕР ТЕХНОЛОГИИ", "Cyrillic", "Russian")], Titles=[],
      RegimeName=RUSSIA, Type="Entity", Source="UK", SanctionsImposed="Asset freeze|Trust services sanctions",
      Indicators=dict(AssetFreeze="true", TrustServicesSanctions="true"),
      OtherInformation="",
      Reasons="A fictional company operating in the Russian electronics sector.",
      Addresses=[dict(AddressLine1="ul. Testovaya 5, building 2", AddressLine6="Moscow", AddressPostalCode="123000", AddressCountry="Russia")],
      Phones=["+7 495 000 0000"], Emails=["info@primer.example; sales@primer.example"], Websites=["www.primer.example"],
      Entity=dict(TypeOfEntities=["Limited Liability Company"],
                  BusinessRegistrationNumbers=["Tax Identification Number: INN 7700000001", "Registration Number: OGRN 1027700000001"],
                  ParentCompanies=["AO PRIMER HOLDING"], Subsidiaries=["PRIMER SERVICE LLC"])),
 dict(LastUpdated="20/05/2025", DateDesignated="20/05/2025", UniqueID="RUS9003", OFSIGroupID="", UNReferenceNumber="",
      Names=[dict(Name6="OCEAN FABLE", NameType="Primary Name"),
             dict(Name6="SEA STORY", NameType="Alias"),
             dict(Name6="MARE FICTUM", NameType="Alias")],
      NonLatin=[], Titles=[], RegimeName=RUSSIA, Type="Ship", Source="UK",
      SanctionsImposed="Ship specification|Prohibition of port entry",
      Indicators=dict(ProhibitionOfPortEntry="true"),
      OtherInformation="Previous names: SEA STORY, MARE FICTUM.",
      Reasons="OCEAN FABLE is a fictional tanker that has carried Russian crude oil.",
      Addresses=[],
      Ship=dict(IMONumbers=["IMO9000001"], CurrentOwnerOperators=["FABLE SHIPPING LTD"], PreviousOwnerOperators=["OLD STORY MARINE SA"],
                CurrentBelievedFlagOfShips=["Cameroon"], PreviousFlags=["Panama", "Gabon"], TypeOfShipDetails=["Crude Oil Tanker"],
                TonnageOfShipDetails=["81225"], LengthOfShipDetails=["244"], YearsBuilt=["2004"])),
 dict(LastUpdated="11/02/2026", DateDesignated="29/05/2014", UniqueID="AQD9004", OFSIGroupID="90004", UNReferenceNumber="QDe.999",
      Names=[dict(Name6="FICTIONAL BRIGADE", NameType="Primary Name"),
             dict(Name6="BRIGADE OF FICTION", NameType="Alias", AliasStrength="Good quality a.k.a"),
             dict(Name6="FB", NameType="Alias", AliasStrength="Low quality a.k.a")],
      NonLatin=[("الكتيبة الخيالية", "Arabic", "Arabic")], Titles=[], RegimeName=ISIL, Type="Entity", Source="UN",
      SanctionsImposed="Asset freeze|Targeted arms embargo",
      Indicators=dict(AssetFreeze="true", TargetedArmsEmbargo="true"),
      OtherInformation="Fictional group written for the cordon parser tests.",
      Reasons="",
      Addresses=[dict(AddressLine6="Idlib", AddressCountry="Syria")]),
]

SHIP_ITEMS = dict(IMONumbers="IMONumber", CurrentOwnerOperators="CurrentOwnerOperator", PreviousOwnerOperators="PreviousOwnerOperator",
                  CurrentBelievedFlagOfShips="CurrentBelievedFlagOfShip", PreviousFlags="PreviousFlag", TypeOfShipDetails="TypeOfShip",
                  TonnageOfShipDetails="TonnageOfShip", LengthOfShipDetails="LengthOfShip", YearsBuilt="YearBuilt")
ENTITY_ITEMS = dict(TypeOfEntities="TypeOfEntity", BusinessRegistrationNumbers="BusinessRegistrationNumber",
                    ParentCompanies="ParentCompany", Subsidiaries="Subsidiary")
INDICATORS = ["AssetFreeze", "ArmsEmbargo", "TargetedArmsEmbargo", "CharteringOfShips", "ClosureOfRepresentativeOffices",
              "CrewServicingOfShipsAndAircraft", "Deflag", "PreventionOfBusinessArrangements", "ProhibitionOfPortEntry",
              "TravelBan", "PreventionOfCharteringOfShips", "PreventionOfCharteringOfShipsAndAircraft",
              "TechnicalAssistanceRelatedToAircraft", "TrustServicesSanctions", "DirectorDisqualificationSanction"]

def e(x): return escape(x)

out = ['<?xml version="1.0" encoding="utf-8"?>',
       '<Designations xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema">',
       '  <DateGenerated>02/09/2026</DateGenerated>']
for d in designations:
    o = out.append
    o('  <Designation>')
    o(f'    <LastUpdated>{d["LastUpdated"]}</LastUpdated>')
    o(f'    <DateDesignated>{d["DateDesignated"]}</DateDesignated>')
    o(f'    <UniqueID>{d["UniqueID"]}</UniqueID>')
    if d["OFSIGroupID"]: o(f'    <OFSIGroupID>{d["OFSIGroupID"]}</OFSIGroupID>')
    if d["UNReferenceNumber"]: o(f'    <UNReferenceNumber>{d["UNReferenceNumber"]}</UNReferenceNumber>')
    o('    <Names>')
    for n in d["Names"]:
        o('      <Name>')
        for k in ["Name1", "Name2", "Name3", "Name4", "Name5", "Name6", "NameType", "AliasStrength"]:
            if n.get(k): o(f'        <{k}>{e(n[k])}</{k}>')
        o('      </Name>')
    o('    </Names>')
    if d["NonLatin"]:
        o('    <NonLatinNames>')
        for t, s, l in d["NonLatin"]:
            o('      <NonLatinName>')
            o(f'        <NameNonLatinScript>{e(t)}</NameNonLatinScript>')
            o(f'        <NonLatinScriptType>{s}</NonLatinScriptType>')
            o(f'        <NonLatinScriptLanguage>{l}</NonLatinScriptLanguage>')
            o('      </NonLatinName>')
        o('    </NonLatinNames>')
    if d["Titles"]:
        o('    <Titles>')
        for t in d["Titles"]: o(f'      <Title>{e(t)}</Title>')
        o('    </Titles>')
    o(f'    <RegimeName>{e(d["RegimeName"])}</RegimeName>')
    o(f'    <IndividualEntityShip>{d["Type"]}</IndividualEntityShip>')
    o(f'    <DesignationSource>{d["Source"]}</DesignationSource>')
    o(f'    <SanctionsImposed>{e(d["SanctionsImposed"])}</SanctionsImposed>')
    o('    <SanctionsImposedIndicators>')
    for ind in INDICATORS: o(f'      <{ind}>{d["Indicators"].get(ind, "false")}</{ind}>')
    o('    </SanctionsImposedIndicators>')
    if d["OtherInformation"]: o(f'    <OtherInformation>{e(d["OtherInformation"])}</OtherInformation>')
    o(f'    <UKStatementofReasons>{e(d["Reasons"]) if d["Reasons"] else chr(10)}</UKStatementofReasons>')
    if d["Addresses"]:
        o('    <Addresses>')
        for a in d["Addresses"]:
            o('      <Address>')
            for k in ["AddressLine1", "AddressLine2", "AddressLine3", "AddressLine4", "AddressLine5", "AddressLine6", "AddressPostalCode", "AddressCountry"]:
                if a.get(k): o(f'        <{k}>{e(a[k])}</{k}>')
            o('      </Address>')
        o('    </Addresses>')
    for wrap, item, key in [("PhoneNumbers", "PhoneNumber", "Phones"), ("EmailAddresses", "EmailAddress", "Emails"), ("Websites", "Website", "Websites")]:
        if d.get(key):
            o(f'    <{wrap}>')
            for v in d[key]: o(f'      <{item}>{e(v)}</{item}>')
            o(f'    </{wrap}>')
    if "Individual" in d:
        i = d["Individual"]
        o('    <IndividualDetails>')
        o('      <Individual>')
        o('        <DOBs>')
        for v in i["DOBs"]: o(f'          <DOB>{v}</DOB>')
        o('        </DOBs>')
        o('        <Nationalities>')
        for v in i["Nationalities"]: o(f'          <Nationality>{v}</Nationality>')
        o('        </Nationalities>')
        o('        <Positions>')
        for v in i["Positions"]: o(f'          <Position>{e(v)}</Position>')
        o('        </Positions>')
        o('        <Genders>')
        for v in i["Genders"]: o(f'          <Gender>{v}</Gender>')
        o('        </Genders>')
        o('        <BirthDetails>')
        for t, c in i["Births"]:
            o('          <Location>')
            o(f'            <TownOfBirth>{t}</TownOfBirth>')
            o(f'            <CountryOfBirth>{c}</CountryOfBirth>')
            o('          </Location>')
        o('        </BirthDetails>')
        o('        <PassportDetails>')
        for n, info in i["Passports"]:
            o('          <Passport>')
            o(f'            <PassportNumber>{n}</PassportNumber>')
            o(f'            <PassportAdditionalInformation>{e(info)}</PassportAdditionalInformation>')
            o('          </Passport>')
        o('        </PassportDetails>')
        o('        <NationalIdentifierDetails>')
        for n, info in i["NationalIds"]:
            o('          <NationalIdentifier>')
            o(f'            <NationalIdentifierNumber>{n}</NationalIdentifierNumber>')
            o(f'            <NationalIdentifierAdditionalInformation>{e(info)}</NationalIdentifierAdditionalInformation>')
            o('          </NationalIdentifier>')
        o('        </NationalIdentifierDetails>')
        o('      </Individual>')
        o('    </IndividualDetails>')
    if "Entity" in d:
        o('    <EntityDetails>')
        o('      <Entity>')
        for wrap, item in ENTITY_ITEMS.items():
            if d["Entity"].get(wrap):
                o(f'        <{wrap}>')
                for v in d["Entity"][wrap]: o(f'          <{item}>{e(v)}</{item}>')
                o(f'        </{wrap}>')
        o('      </Entity>')
        o('    </EntityDetails>')
    if "Ship" in d:
        o('    <ShipDetails>')
        o('      <Ship>')
        for wrap, item in SHIP_ITEMS.items():
            if d["Ship"].get(wrap):
                o(f'        <{wrap}>')
                for v in d["Ship"][wrap]: o(f'          <{item}>{e(v)}</{item}>')
                o(f'        </{wrap}>')
        o('      </Ship>')
        o('    </ShipDetails>')
    o('  </Designation>')
out.append('</Designations>')
open('UK-Sanctions-List.xml', 'w', encoding='utf-8', newline='\n').write('\r\n'.join(out) + '\r\n')

HEADER = ["Last Updated","Unique ID","OFSI Group ID","UN Reference Number","Name 6","Name 1","Name 2","Name 3","Name 4","Name 5","Name type","Alias strength","Title","Name non-latin script","Non-latin script type","Non-latin script language","Regime Name","Designation Type","Designation source","Sanctions Imposed","Other Information","UK Statement of Reasons","Address Line 1","Address Line 2","Address Line 3","Address Line 4","Address Line 5","Address Line 6","Address Postal Code","Address Country","Phone number","Website","Email address","Date Designated","D.O.B","Nationality(/ies)","National Identifier number","National Identifier additional information","Passport number","Passport additional information","Position","Gender","Town of birth","Country of birth","Type of entity","Subsidiaries","Parent company","Business registration number (s)","IMO number","Current owner/operator (s)","Previous owner/operator (s)","Current believed flag of ship","Previous flags","Type of ship","Tonnage of ship","Length of ship","Year Built","Hull identification number (HIN)"]
assert len(HEADER) == 58

def nth(lst, k):
    return lst[k] if k < len(lst) else None

rows = []
for d in designations:
    i = d.get("Individual", {}); en = d.get("Entity", {}); sh = d.get("Ship", {})
    multi = [len(d["Names"]), len(d["NonLatin"]), len(d["Addresses"]), len(i.get("DOBs", [])), len(i.get("Passports", [])),
             len(en.get("BusinessRegistrationNumbers", [])), len(sh.get("PreviousFlags", []))]
    for k in range(max(multi)):
        r = dict.fromkeys(HEADER, "")
        r.update({"Last Updated": d["LastUpdated"], "Unique ID": d["UniqueID"], "OFSI Group ID": d["OFSIGroupID"],
                  "UN Reference Number": d["UNReferenceNumber"], "Regime Name": d["RegimeName"], "Designation Type": d["Type"],
                  "Designation source": d["Source"], "Sanctions Imposed": d["SanctionsImposed"], "Other Information": d["OtherInformation"],
                  "UK Statement of Reasons": d["Reasons"], "Date Designated": d["DateDesignated"]})
        n = nth(d["Names"], k)
        if n:
            for j in range(1, 7): r[f"Name {j}"] = n.get(f"Name{j}", "")
            r["Name type"] = n["NameType"]; r["Alias strength"] = n.get("AliasStrength", "")
        nl = nth(d["NonLatin"], k)
        if nl: r["Name non-latin script"], r["Non-latin script type"], r["Non-latin script language"] = nl
        if k == 0 and d["Titles"]: r["Title"] = d["Titles"][0]
        a = nth(d["Addresses"], k)
        if a:
            for j in range(1, 7): r[f"Address Line {j}"] = a.get(f"AddressLine{j}", "")
            r["Address Postal Code"] = a.get("AddressPostalCode", ""); r["Address Country"] = a.get("AddressCountry", "")
        if k == 0:
            r["Phone number"] = "".join(d.get("Phones", [])); r["Website"] = "".join(d.get("Websites", [])); r["Email address"] = "".join(d.get("Emails", []))
            if i:
                r["Nationality(/ies)"] = i["Nationalities"][0]; r["Position"] = i["Positions"][0]; r["Gender"] = i["Genders"][0]
                r["Town of birth"], r["Country of birth"] = i["Births"][0]
                r["National Identifier number"], r["National Identifier additional information"] = i["NationalIds"][0]
            if en:
                r["Type of entity"] = en["TypeOfEntities"][0]; r["Subsidiaries"] = en["Subsidiaries"][0]; r["Parent company"] = en["ParentCompanies"][0]
            if sh:
                r["IMO number"] = sh["IMONumbers"][0]; r["Current owner/operator (s)"] = sh["CurrentOwnerOperators"][0]
                r["Previous owner/operator (s)"] = sh["PreviousOwnerOperators"][0]; r["Current believed flag of ship"] = sh["CurrentBelievedFlagOfShips"][0]
                r["Type of ship"] = sh["TypeOfShipDetails"][0]; r["Tonnage of ship"] = sh["TonnageOfShipDetails"][0]
                r["Length of ship"] = sh["LengthOfShipDetails"][0]; r["Year Built"] = sh["YearsBuilt"][0]
        if i:
            v = nth(i["DOBs"], k)
            if v: r["D.O.B"] = v
            p = nth(i["Passports"], k)
            if p: r["Passport number"], r["Passport additional information"] = p
        if en:
            v = nth(en["BusinessRegistrationNumbers"], k)
            if v: r["Business registration number (s)"] = v
        if sh:
            v = nth(sh["PreviousFlags"], k)
            if v: r["Previous flags"] = v
        rows.append([r[h] for h in HEADER])

buf = io.StringIO()
buf.write("Report Date: 02-Sep-2026\r\n")
w = csv.writer(buf, lineterminator="\r\n")
w.writerow(HEADER)
for r in rows: w.writerow(r)
open('UK-Sanctions-List.csv', 'w', encoding='utf-8', newline='').write(buf.getvalue())
