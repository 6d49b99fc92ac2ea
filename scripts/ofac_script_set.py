#!/usr/bin/env python3
"""Native-script names of OFAC entries, as queries, and the entries without them, as a list.

OFAC's enhanced XML (SDN_ENHANCED.XML, CONS_ENHANCED.XML) gives each name in every script OFAC
records it in: a `translation` per script. This writes the entities with their Latin-script
names only, as FollowTheMoney JSON lines (`cordon ingest` reads them), and every name in
another script (Cyrillic, Chinese, Arabic, ...) as a query row `id,name,script`, where `id` is
the OFAC entity id the name must find. Each query then finds its entry through the entry's
Latin names alone, as a customer record written in its own script must find a list that
romanises it.

usage: ofac_script_set.py ENHANCED.XML[.xz] entities.ftm.json queries.csv
"""
import csv
import json
import lzma
import sys
import xml.etree.ElementTree as ET

NS = {"o": "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/"
           "ENHANCED_XML"}


def text(node, path):
    found = node.find(path, NS)
    return found.text.strip() if found is not None and found.text else ""


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__.strip().splitlines()[-1])
    source, entities_out, queries_out = sys.argv[1:]
    opener = lzma.open if source.endswith(".xz") else open
    with opener(source, "rb") as f:
        root = ET.parse(f).getroot()
    entities, queries = 0, 0
    with open(entities_out, "w", encoding="utf-8") as ents, \
            open(queries_out, "w", encoding="utf-8", newline="") as qs:
        writer = csv.writer(qs)
        writer.writerow(["id", "name", "script"])
        for entity in root.findall("o:entities/o:entity", NS):
            entity_id = entity.get("id")
            kind = text(entity, "o:generalInfo/o:entityType")
            latin, other = [], []
            for name in entity.findall("o:names/o:name", NS):
                for translation in name.findall("o:translations/o:translation", NS):
                    full = text(translation, "o:formattedFullName")
                    script = text(translation, "o:script")
                    if not full:
                        continue
                    (latin if script == "Latin" else other).append((full, script))
            if not other:
                continue
            schema = {"Individual": "Person", "Vessel": "Vessel", "Aircraft": "Airplane"}.get(
                kind, "Organization")
            props = {"name": [latin[0][0]]} if latin else {}
            if len(latin) > 1:
                props["alias"] = [n for n, _ in latin[1:]]
            ents.write(json.dumps({"id": "ofac-" + entity_id, "schema": schema,
                                   "properties": props}, ensure_ascii=False) + "\n")
            # The sanction that makes it a listed entity, with its programmes.
            programs = [p.text.strip() for p in entity.findall(
                "o:sanctionsPrograms/o:sanctionsProgram", NS) if p.text]
            ents.write(json.dumps({"id": "ofac-{}-sanction".format(entity_id), "schema": "Sanction",
                                   "properties": {"entity": ["ofac-" + entity_id],
                                                  "authority": ["Office of Foreign Assets Control"],
                                                  "country": ["us"], "program": programs}},
                                  ensure_ascii=False) + "\n")
            entities += 1
            for full, script in other:
                writer.writerow([entity_id, full, script])
                queries += 1
    print("{} entities, {} names in other scripts".format(entities, queries), file=sys.stderr)


if __name__ == "__main__":
    main()
