#!/usr/bin/env python3
"""Measure cordon's matching on the labelled evaluation sets (../shared/eval, see its README).

  scripts/eval.py                       # every set, figures as text
  scripts/eval.py --set names --show-errors
  scripts/eval.py --set un --positives holdout/screening/un_positives.csv --json

Each kind of set is run through the cordon binary as a user would run it:
  names      `cordon compare --pairs FILE --output OUT.csv`: precision, recall and F1 of the
             `match` column against `is_match`; for information the F1 at the best threshold of a
             sweep over `score`, and OpenSanctions logic-v2's scores on the same pairs.
  un         a store holding only the UN list; `cordon screen` of the UN positives: recall (the
             expected UN entity is among the returned matches), recall@1 and mean rank.
  script     the UN list with its original-script names withheld (EVAL/strip_original_script.py)
             and those names screened against it: recall of their own entries, by script.
  ofac-script  OFAC's entries with their Latin names only, from the enhanced XML
             (scripts/ofac_script_set.py), and their names in other scripts screened against them.
  sdn-script  the bundled SDN list (Latin names only) and the native-script names of its listed
             people, typed by hand (scripts/eval/sdn_native_names.csv: Persian, Arabic, Hangul,
             Russian and Belarusian Cyrillic, and German, French and Polish press spellings):
             recall of their own entries, by script and language.
  negatives  a store holding every bundled list; `cordon screen` of each negatives file: the share
             of rows with any match (at most 1 % is the goal).

Standard library only. Every path is an option so that other sets of the same kinds (the holdout)
run the same way. Exit status 0 when every requested set ran, 1 when a cordon command failed.
"""

import argparse
import csv
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_EVAL = os.path.normpath(os.path.join(REPO, "..", "shared", "eval"))
DEFAULT_UN_LISTS = [
    os.path.normpath(os.path.join(REPO, "..", "shared", "data", "un", "UN_consolidated.xml")),
    os.path.join(REPO, "data", "lists", "un", "UN_consolidated.xml.zst"),
]


class CordonError(Exception):
    pass


# ---------------------------------------------------------------------------------------------
# Running cordon


def run_cordon(args, cordon, timings, label):
    cmd = [cordon] + args
    start = time.monotonic()
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    timings[label] = round(time.monotonic() - start, 3)
    if proc.returncode != 0:
        raise CordonError(
            "`{}` exited with {}:\n{}{}".format(
                " ".join(cmd), proc.returncode, proc.stdout[-2000:], proc.stderr[-2000:]
            )
        )
    return proc


def truthy(value):
    if isinstance(value, bool):
        return value
    if value is None:
        return False
    return str(value).strip().lower() in ("true", "1", "yes", "y", "match", "t")


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


# ---------------------------------------------------------------------------------------------
# Metrics


def prf(labels, predictions):
    """Precision, recall, F1 and the confusion counts of boolean predictions."""
    tp = sum(1 for y, p in zip(labels, predictions) if y and p)
    fp = sum(1 for y, p in zip(labels, predictions) if not y and p)
    fn = sum(1 for y, p in zip(labels, predictions) if y and not p)
    tn = len(labels) - tp - fp - fn
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "tp": tp, "fp": fp, "fn": fn,
            "tn": tn, "n": len(labels)}


def sweep(labels, scores, lo=0.50, hi=0.95, step=0.01):
    """The threshold in [lo, hi] with the highest F1 (the lowest such threshold on ties)."""
    best = None
    steps = int(round((hi - lo) / step))
    for i in range(steps + 1):
        threshold = round(lo + i * step, 2)
        m = prf(labels, [s >= threshold for s in scores])
        if best is None or m["f1"] > best["f1"] + 1e-12:
            best = dict(m, threshold=threshold)
    return best


# ---------------------------------------------------------------------------------------------
# names: cordon compare


def first_key(row, *keys):
    for key in keys:
        if key in row and row[key] not in (None, ""):
            return row[key]
    return None


def eval_names(opts, timings):
    pairs = read_csv(opts.pairs)
    out_csv = os.path.join(opts.work, "compare_out.csv")
    run_cordon(["compare", "--pairs", opts.pairs, "--output", out_csv], opts.cordon, timings,
               "compare")
    out = read_csv(out_csv)
    if len(out) != len(pairs):
        raise CordonError("compare wrote {} rows for {} pairs".format(len(out), len(pairs)))
    for row, pair in zip(out, pairs):
        # Rows are read in order; the names, when echoed, must agree.
        n1 = first_key(row, "name1", "query")
        if n1 is not None and n1 != pair["name1"]:
            raise CordonError("compare output row order differs: {!r} vs {!r}".format(
                n1, pair["name1"]))
        pair["_score"] = float(first_key(row, "score", "name_score") or 0.0)
        pair["_match"] = truthy(first_key(row, "match", "is_match_predicted"))

    labels = [truthy(p["is_match"]) for p in pairs]
    result = {"file": opts.pairs, "pairs": len(pairs)}
    result["cordon"] = prf(labels, [p["_match"] for p in pairs])
    result["cordon_best_threshold"] = sweep(labels, [p["_score"] for p in pairs])

    # logic-v2, on the pairs it scored.
    if opts.logicv2 and os.path.exists(opts.logicv2):
        scores = {(r["name1"], r["name2"]): float(r["logic_v2_score"])
                  for r in read_csv(opts.logicv2)}
        scored = [(truthy(p["is_match"]), scores[(p["name1"], p["name2"])], p) for p in pairs
                  if (p["name1"], p["name2"]) in scores]
        for p in pairs:
            p["_logicv2"] = scores.get((p["name1"], p["name2"]))
        y = [s[0] for s in scored]
        lv = [s[1] for s in scored]
        result["logicv2"] = dict(prf(y, [s >= 0.70 for s in lv]), threshold=0.70,
                                 unscored_pairs=len(pairs) - len(scored))
        result["logicv2_best_threshold"] = sweep(y, lv)
        # cordon on the same subset, so the two are compared like for like.
        result["cordon_on_logicv2_pairs"] = prf(y, [s[2]["_match"] for s in scored])

    def error_counts(key):
        counts = defaultdict(lambda: {"n": 0, "fp": 0, "fn": 0})
        for p in pairs:
            c = counts[p.get(key) or "-"]
            c["n"] += 1
            label = truthy(p["is_match"])
            if p["_match"] and not label:
                c["fp"] += 1
            elif label and not p["_match"]:
                c["fn"] += 1
        return dict(sorted(counts.items(), key=lambda kv: (-(kv[1]["fp"] + kv[1]["fn"]), kv[0])))

    result["by_case_group"] = error_counts("case_group")
    result["by_category"] = error_counts("category")
    result["by_schema"] = error_counts("schema")
    result["errors"] = [
        {"kind": "FP" if p["_match"] else "FN", "score": p["_score"], "logicv2": p.get("_logicv2"),
         "schema": p["schema"], "case_group": p["case_group"], "category": p["category"],
         "name1": p["name1"], "name2": p["name2"]}
        for p in pairs if p["_match"] != truthy(p["is_match"])]
    result["errors"].sort(key=lambda e: (e["kind"], -e["score"]))
    return result


def print_names(r, opts):
    def line(label, m):
        extra = " at {:.2f}".format(m["threshold"]) if "threshold" in m else ""
        print("  {:<34} P {:.3f}  R {:.3f}  F1 {:.3f}{}   (tp {} fp {} fn {} tn {})".format(
            label, m["precision"], m["recall"], m["f1"], extra, m["tp"], m["fp"], m["fn"],
            m["tn"]))

    print("names: {} ({} pairs)".format(r["file"], r["pairs"]))
    line("cordon `match` column", r["cordon"])
    line("cordon score, best threshold", r["cordon_best_threshold"])
    if "logicv2" in r:
        line("logic-v2", r["logicv2"])
        line("logic-v2, best threshold", r["logicv2_best_threshold"])
        line("cordon on the same pairs", r["cordon_on_logicv2_pairs"])
        if r["logicv2"]["unscored_pairs"]:
            print("  ({} pairs have no logic-v2 score)".format(r["logicv2"]["unscored_pairs"]))
    for key, title in (("by_case_group", "case_group"), ("by_category", "category"),
                       ("by_schema", "schema")):
        rows = [(k, v) for k, v in r[key].items() if v["fp"] or v["fn"]]
        if not rows:
            continue
        print("  errors by {}:".format(title))
        for k, v in rows:
            print("    {:<36} n {:>4}  fp {:>3}  fn {:>3}".format(k[:36], v["n"], v["fp"], v["fn"]))
    if opts.show_errors:
        print("  misclassified pairs (kind, cordon score, logic-v2 score, schema, category):")
        for e in r["errors"]:
            lv = "{:.3f}".format(e["logicv2"]) if e["logicv2"] is not None else "  -  "
            print("    {} {:.3f} {} {:<12} {:<26} {!r} / {!r}".format(
                e["kind"], e["score"], lv, e["schema"], (e["category"] or e["case_group"])[:26],
                e["name1"], e["name2"]))


# ---------------------------------------------------------------------------------------------
# screening: cordon screen


def with_ids(src, dst):
    """Copies a screening CSV with an `id` column first ("r1", "r2", ...): the row each output
    record belongs to is then told by the echoed id, not by output order."""
    rows = read_csv(src)
    fields = ["id"] + [f for f in (rows[0].keys() if rows else []) if f != "id"]
    with open(dst, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=fields)
        w.writeheader()
        for i, row in enumerate(rows, 1):
            w.writerow(dict(row, id="r{}".format(i)))
    return rows


def match_fields(m):
    """One match object as a dict (entity_id, source_id, score, caption, summary), whatever
    its exact layout."""
    entity = m.get("entity") if isinstance(m.get("entity"), dict) else {}
    explanation = m.get("explanation") if isinstance(m.get("explanation"), dict) else {}
    score = m.get("score")
    return {
        "entity_id": str(m.get("entity_id") or entity.get("id") or m.get("id") or ""),
        "source_id": str(m.get("source_id") or entity.get("source_id") or ""),
        "score": float(score if score is not None else 0.0),
        "caption": m.get("caption") or m.get("name") or entity.get("caption") or "",
        "summary": explanation.get("summary") or m.get("summary") or "",
    }


def read_screen_output(path, rows):
    """Matches per input row (0-based), best first. Accepts one JSON line per query (with a
    `matches` array) or one JSON line per match (with the query's id)."""
    per_row = defaultdict(list)
    records = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line:
                records.append(json.loads(line))
    # A record without matches in per-query output is a row cordon could not screen (an
    # "error" record): it counts as a row without matches and is reported.
    per_query = any(isinstance(r.get("matches"), list) for r in records)

    def row_of(record, position):
        for key in ("id", "query_id", "record_id", "input_id"):
            value = record.get(key)
            if isinstance(value, dict):
                value = value.get("id")
            if isinstance(value, str) and value.startswith("r") and value[1:].isdigit():
                return int(value[1:]) - 1
        query = record.get("query")
        if isinstance(query, dict) and str(query.get("id", "")).startswith("r"):
            return int(str(query["id"])[1:]) - 1
        if per_query and len(records) == len(rows):
            return position  # no echoed id: one line per row, in order
        raise CordonError("screen output record has no recognisable query id: {}".format(
            json.dumps(record)[:300]))

    errors = []
    for position, record in enumerate(records):
        row = row_of(record, position)
        if per_query:
            if isinstance(record.get("matches"), list):
                per_row[row].extend(match_fields(m) for m in record["matches"])
            else:
                errors.append({"row": row + 1, "error": str(record.get("error", record))[:300]})
        else:
            per_row[row].append(match_fields(record))
    for matches in per_row.values():
        matches.sort(key=lambda m: -m["score"])  # stable: cordon's order among equal scores
    return per_row, errors


def screen(opts, db, input_csv, label, timings):
    base = os.path.splitext(os.path.basename(input_csv))[0]
    tagged = os.path.join(opts.work, base + ".with_ids.csv")
    rows = with_ids(input_csv, tagged)
    out = os.path.join(opts.work, base + ".out.jsonl")
    run_cordon(["--db", db, "screen", "--input", tagged, "--output", out], opts.cordon, timings,
               label)
    per_row, errors = read_screen_output(out, rows)
    return rows, per_row, errors


def un_list_path(opts):
    if opts.un_list:
        return opts.un_list
    for path in DEFAULT_UN_LISTS:
        if os.path.exists(path):
            return path
    raise CordonError("no UN list found; pass --un-list")


def eval_un(opts, timings):
    db = os.path.join(opts.work, "un.db")
    if os.path.exists(db):
        os.remove(db)
    run_cordon(["--db", db, "ingest", un_list_path(opts)], opts.cordon, timings, "ingest_un")
    rows, per_row, errors = screen(opts, db, opts.positives, "screen_un_positives", timings)
    ranks, misses = [], []
    for i, row in enumerate(rows):
        ref = row.get("expected_un_reference", "").strip()
        dataid = row.get("expected_un_dataid", "").strip()
        rank = None
        for position, m in enumerate(per_row.get(i, []), 1):
            if (ref and m["source_id"] == ref) or (dataid and m["entity_id"] == "un_sc:" + dataid):
                rank = position
                break
        if rank is None:
            top = per_row.get(i, [])[:1]
            misses.append({"row": i + 1, "full_name": row.get("full_name", ""),
                           "date_of_birth": row.get("date_of_birth", ""),
                           "nationality": row.get("nationality", ""), "expected": ref,
                           "matches": len(per_row.get(i, [])),
                           "top": top[0] if top else None})
        else:
            ranks.append(rank)
    n = len(rows)
    return {"file": opts.positives, "un_list": un_list_path(opts), "rows": n,
            "found": len(ranks), "recall": len(ranks) / n if n else 0.0,
            "recall_at_1": sum(1 for r in ranks if r == 1) / n if n else 0.0,
            "mean_rank": statistics.mean(ranks) if ranks else None,
            "rows_with_any_match": sum(1 for i in range(n) if per_row.get(i)),
            "row_errors": errors, "misses": misses}


def print_row_errors(r, opts):
    if not r["row_errors"]:
        return
    print("  rows cordon reported as errors (counted as rows without matches): {}".format(
        len(r["row_errors"])))
    if opts.show_errors:
        for e in r["row_errors"]:
            print("    row {}: {}".format(e["row"], e["error"]))


def print_un(r, opts):
    print("un positives: {} ({} rows) against {}".format(r["file"], r["rows"], r["un_list"]))
    print("  recall {:.3f} ({} of {})   recall@1 {:.3f}   mean rank {}".format(
        r["recall"], r["found"], r["rows"], r["recall_at_1"],
        "{:.2f}".format(r["mean_rank"]) if r["mean_rank"] is not None else "-"))
    print_row_errors(r, opts)
    if opts.show_errors and r["misses"]:
        print("  missed rows (expected reference, query, best match if any):")
        for m in r["misses"]:
            top = m["top"]
            best = "{} {:.3f} {}".format(top["source_id"], top["score"], top["summary"] or
                                         top["caption"]) if top else "no match"
            print("    {:<9} {!r} dob {} nat {}  -> {}".format(
                m["expected"], m["full_name"], m["date_of_birth"] or "-",
                m["nationality"] or "-", best))


def recall_by_script(screened, expected_of, script_of):
    """Per query row of `screened` (what screen() returns): whether its expected entity
    (expected_of(row) -> predicate on entity ids) is among its matches; counted by script
    (script_of(row)), with the misses and their best match."""
    rows, per_row, errors = screened
    by_script, misses = defaultdict(lambda: [0, 0]), []
    for i, row in enumerate(rows):
        is_expected = expected_of(row)
        found = any(is_expected(m["entity_id"]) for m in per_row.get(i, []))
        script = script_of(row)
        by_script[script][0] += found
        by_script[script][1] += 1
        if not found:
            top = per_row.get(i, [])[:1]
            misses.append({"id": row["id"], "name": row["name"], "top": top[0] if top else None})
    n = len(rows)
    found = sum(v[0] for v in by_script.values())
    return {"rows": n, "found": found, "recall": found / n if n else 0.0,
            "by_script": {k: {"found": v[0], "rows": v[1]} for k, v in by_script.items()},
            "row_errors": errors, "misses": misses}


def print_recall_by_script(title, r, opts, id_prefix):
    print(title)
    print("  recall {:.3f} ({} of {})   {}".format(
        r["recall"], r["found"], r["rows"], "   ".join(
            "{} {}/{}".format(k, v["found"], v["rows"]) for k, v in sorted(r["by_script"].items()))))
    print_row_errors(r, opts)
    if opts.show_errors:
        for m in r["misses"]:
            top = m["top"]
            print("    {:<15} {!r}  -> {}".format(id_prefix + m["id"], m["name"], "{} {:.3f} {}".format(
                top["entity_id"], top["score"], top["summary"] or top["caption"]) if top else
                "no match"))


def screen_withheld(opts, timings, split_script, source, name):
    """Runs `split_script SOURCE LIST QUERIES` (a list with some names withheld, and those
    names as queries), ingests LIST into a store of its own and screens QUERIES against it:
    the query rows and their matches."""
    listed = os.path.join(opts.work, name + "_list")
    queries = os.path.join(opts.work, name + "_queries.csv")
    proc = subprocess.run([sys.executable, split_script, source, listed, queries],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if proc.returncode != 0:
        raise CordonError("{} failed:\n{}".format(split_script, proc.stderr[-2000:]))
    db = os.path.join(opts.work, name + ".db")
    if os.path.exists(db):
        os.remove(db)
    run_cordon(["--db", db, "ingest", listed], opts.cordon, timings, "ingest_" + name)
    return screen(opts, db, queries, "screen_" + name, timings)


def eval_script(opts, timings):
    """The UN list with its original-script names withheld (the eval folder's
    strip_original_script.py), and those names screened against it: each should find its own
    entry through the entry's Latin names alone."""
    return recall_by_script(
        screen_withheld(opts, timings, os.path.join(opts.eval_dir, "strip_original_script.py"),
                        un_list_path(opts), "original_script"),
        lambda row: (lambda e: e == "un_sc:" + row["id"]),
        lambda row: "Arabic" if any("\u0600" <= c <= "\u06ff" for c in row["name"]) else (
            "Cyrillic" if any("\u0400" <= c <= "\u04ff" for c in row["name"]) else "other"))


def print_script(r, opts):
    print_recall_by_script("original-script names against the UN list without them ({} rows)"
                           .format(r["rows"]), r, opts, "un_sc:")


def eval_ofac_script(opts, timings):
    """OFAC's own names in other scripts (the enhanced XML's translations: Cyrillic, Chinese)
    against OFAC's entries with their Latin names only (scripts/ofac_script_set.py): each should
    find its own entry."""
    return recall_by_script(
        screen_withheld(opts, timings, os.path.join(REPO, "scripts", "ofac_script_set.py"),
                        opts.ofac_enhanced, "ofac_script"),
        lambda row: (lambda e: e.endswith(":ofac-" + row["id"])), lambda row: row["script"])


def print_ofac_script(r, opts):
    print_recall_by_script("OFAC names in other scripts against OFAC's Latin names ({} rows)"
                           .format(r["rows"]), r, opts, "ofac-")


def eval_sdn_script(opts, timings):
    """Names of SDN-listed people as their own language writes them (a set typed by hand from
    public knowledge, scripts/eval/sdn_native_names.csv) against the SDN list, which carries them
    in Latin only: each should find its own entry."""
    db = os.path.join(opts.work, "sdn.db")
    if os.path.exists(db):
        os.remove(db)
    run_cordon(["--db", db, "ingest", opts.sdn_list], opts.cordon, timings, "ingest_sdn")
    return recall_by_script(screen(opts, db, opts.sdn_names, "screen_sdn_script", timings),
                            lambda row: (lambda e: e.endswith(":" + row["id"])),
                            lambda row: row["script"])


def print_sdn_script(r, opts):
    print_recall_by_script("SDN-listed people's names in their own languages against the SDN list "
                           "({} rows)".format(r["rows"]), r, opts, "us_ofac_sdn:")


def eval_negatives(opts, timings):
    db = opts.db_all or os.path.join(opts.work, "all.db")
    if not opts.db_all:
        if os.path.exists(db):
            os.remove(db)
        run_cordon(["--db", db, "load"], opts.cordon, timings, "load_all")
    results = []
    for path in opts.negatives:
        base = os.path.splitext(os.path.basename(path))[0]
        rows, per_row, errors = screen(opts, db, path, "screen_" + base, timings)
        hits = []
        for i, row in enumerate(rows):
            matches = per_row.get(i, [])
            if matches:
                top = matches[0]
                hits.append({"row": i + 1, "full_name": row.get("full_name", ""),
                             "date_of_birth": row.get("date_of_birth", ""),
                             "nationality": row.get("nationality", ""), "matches": len(matches),
                             "top_score": top["score"], "top_entity": top["entity_id"],
                             "top_caption": top["caption"], "top_summary": top["summary"]})
        hits.sort(key=lambda h: -h["top_score"])
        n = len(rows)
        results.append({"file": path, "rows": n, "rows_with_match": len(hits),
                        "match_rate": len(hits) / n if n else 0.0, "row_errors": errors,
                        "offenders": hits})
    return results


def print_negatives(results, opts):
    for r in results:
        print("negatives: {} ({} rows)".format(r["file"], r["rows"]))
        print("  rows with any match {} = {:.2%} (goal <= 1 %)".format(
            r["rows_with_match"], r["match_rate"]))
        print_row_errors(r, opts)
        if opts.show_errors:
            for h in r["offenders"][:opts.show_limit]:
                print("    {:.3f} {!r} (dob {}, {}) -> {} {!r} [{} matches]".format(
                    h["top_score"], h["full_name"], h["date_of_birth"] or "-",
                    h["nationality"] or "-", h["top_entity"], h["top_caption"], h["matches"]))
                if h["top_summary"]:
                    print("          " + h["top_summary"])


# ---------------------------------------------------------------------------------------------


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--cordon", default=os.path.join(REPO, "build", "release", "cordon"),
                   help="cordon binary (default build/release/cordon)")
    p.add_argument("--eval-dir", default=DEFAULT_EVAL, help="evaluation sets (default %(default)s)")
    p.add_argument("--set", choices=["names", "un", "script", "ofac-script", "sdn-script",
                                     "negatives", "all"],
                   default="all")
    p.add_argument("--pairs", help="name pairs CSV (default EVAL/names/pairs_dev.csv)")
    p.add_argument("--logicv2", help="logic-v2 scores CSV (default EVAL/names/"
                   "logicv2_dev_scores.csv; skipped when absent)")
    p.add_argument("--positives", help="UN positives CSV (default EVAL/screening/"
                   "un_positives_dev.csv)")
    p.add_argument("--negatives", action="append", help="negatives CSV, repeatable (default "
                   "EVAL/screening/negatives_{global,us}_dev.csv)")
    p.add_argument("--un-list", help="UN list file to ingest (default shared/data/un/"
                   "UN_consolidated.xml, else the bundled .zst)")
    p.add_argument("--ofac-enhanced", help="OFAC enhanced XML (default shared/data/ofac/"
                   "CONS_ENHANCED.XML.xz)")
    p.add_argument("--sdn-list", default=os.path.join(REPO, "data", "lists", "ofac", "sdn.csv.zst"),
                   help="SDN list for sdn-script (default the bundled %(default)s)")
    p.add_argument("--sdn-names", default=os.path.join(REPO, "scripts", "eval",
                                                       "sdn_native_names.csv"),
                   help="native-script names of SDN entries: id,name,script (default %(default)s)")
    p.add_argument("--db-all", help="existing store with every list, instead of `cordon load` "
                   "into a temporary one")
    p.add_argument("--work-dir", help="keep stores and outputs here (default: a temporary "
                   "folder, removed afterwards)")
    p.add_argument("--show-errors", action="store_true", help="list misclassified rows")
    p.add_argument("--show-limit", type=int, default=40, help="negatives offenders to list")
    p.add_argument("--json", action="store_true", help="print a JSON summary instead of text")
    opts = p.parse_args()

    e = opts.eval_dir
    opts.pairs = opts.pairs or os.path.join(e, "names", "pairs_dev.csv")
    opts.logicv2 = opts.logicv2 or os.path.join(e, "names", "logicv2_dev_scores.csv")
    opts.positives = opts.positives or os.path.join(e, "screening", "un_positives_dev.csv")
    opts.ofac_enhanced = opts.ofac_enhanced or os.path.join(
        os.path.dirname(e.rstrip("/")), "data", "ofac", "CONS_ENHANCED.XML.xz")
    opts.negatives = opts.negatives or [
        os.path.join(e, "screening", "negatives_global_dev.csv"),
        os.path.join(e, "screening", "negatives_us_dev.csv")]
    if not os.access(opts.cordon, os.X_OK):
        p.error("cordon binary not found: {} (build it or pass --cordon)".format(opts.cordon))
    opts.cordon = os.path.abspath(opts.cordon)

    opts.work = opts.work_dir or tempfile.mkdtemp(prefix="cordon-eval-")
    os.makedirs(opts.work, exist_ok=True)
    summary, timings, failed = {}, {}, []
    steps = [("names", eval_names, print_names), ("un", eval_un, print_un),
             ("script", eval_script, print_script),
             ("ofac-script", eval_ofac_script, print_ofac_script),
             ("sdn-script", eval_sdn_script, print_sdn_script),
             ("negatives", eval_negatives, print_negatives)]
    try:
        for name, run, show in steps:
            if opts.set not in (name, "all"):
                continue
            try:
                summary[name] = run(opts, timings)
            except (CordonError, OSError, ValueError, KeyError) as err:
                failed.append(name)
                summary[name] = {"error": str(err)}
                print("eval.py: {} failed: {}".format(name, err), file=sys.stderr)
                continue
            if not opts.json:
                show(summary[name], opts)
                print()
    finally:
        if not opts.work_dir:
            shutil.rmtree(opts.work, ignore_errors=True)
    summary["seconds"] = timings
    if opts.json:
        if not opts.show_errors:
            for key, field in (("names", "errors"), ("un", "misses"), ("ofac-script", "misses"),
                               ("sdn-script", "misses")):
                if isinstance(summary.get(key), dict):
                    summary[key].pop(field, None)
            for r in summary.get("negatives", []) if isinstance(summary.get("negatives"),
                                                                 list) else []:
                r["offenders"] = r["offenders"][:opts.show_limit]
        json.dump(summary, sys.stdout, indent=2, ensure_ascii=False)
        print()
    else:
        print("seconds per cordon command: " +
              ", ".join("{} {}".format(k, v) for k, v in timings.items()))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
