"""Shared pieces of the benchmark's reference implementations (reference_duckdb.py, reference_polars.py).

Everything here mirrors a piece of detention-audit's Swift code, named next to it, so that the two
references and the tool compute the same `by_fiscal_year_state.csv` byte for byte. Only the small
things live here (the offense table, the output format, the patterns); the per-row work over the big
file is written in each engine's own query language.
"""

import csv
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OFFENSES_CSV = os.path.join(HERE, "..", "Pipelines", "reference", "offenses.csv")
TARGETS_YML = os.path.join(HERE, "..", "Pipelines", "targets", "secure-communities.yml")

# Raw ICE column names (Benchmarks/bench-detainers.yml maps these; the references read them directly).
COL = {
    "date": "Detainer Prepare Date",
    "state": "Facility State",
    "person_id": "Anonymized Identifier",
    "criminality": "Detainer Criminality",
    "ice_threat_level": "Detainer Threat Level",
    "msc_code": "MSC Charge Code",
    "msc_name": "MSC Charge",
    "msc_sentence_days": "MSC Sentence Days",
    "msc_sentence_months": "MSC Sentence Months",
    "msc_sentence_years": "MSC Sentence Years",
    "aggravated_felon": "Aggravated Felon Yes No",
    "aggravated_felony_flag": "Aggravated Felony Yes No",
    "prior_felony": "Prior Felony Yes No",
    "multiple_prior_misd": "Multiple Prior MISD Yes No",
}

# Title rows above the header in generate-sample output (SampleGenerator.Options.preambleRows).
SKIP_LINES = 6

# source.missing_markers of the pipeline: whole cells after trimming spaces and tabs, case-sensitive.
MISSING = ["", "NA", "IIDS ETL NULL"]

# Sources/Ingest/Values/RedactionMarker.swift as a whole-cell regular expression (RE2 / Rust `regex`
# syntax: no look-around, so it is written to accept exactly what the hand-written scanner accepts).
# Exemption = `b` or `(b)`, then `(1-9)`, then sub-paragraphs `©`, `(x)`, `x)` or `x` with x in a-f;
# exemptions may be separated by spaces, commas and tabs, or follow each other directly (the scanner
# stops a sub-paragraph run where `(b)(N` / `b(N` begins; a regex reaches the same verdict because a
# `(b)` or `b` eaten as a sub-paragraph there leaves `(N` that nothing else can consume).
_EXEMPTION = r"(?:\([bB]\)|[bB])\([1-9]\)(?:©|\([a-fA-F]\)|[a-fA-F]\)?)*"
REDACTION = r"^[ ,\t]*(?:" + _EXEMPTION + r"[ ,\t]*)+$"

# Sources/Ingest/Values/DateParser.swift, formats [iso, us]: YYYY-M(M)-D(D) or M(M)/D(D)/YYYY, then
# nothing or a time part starting with a space or `T`. Groups: iso y, m, d; us m, d, y.
DATE = r"(?s)^(?:([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})|([0-9]{1,2})/([0-9]{1,2})/([0-9]{4}))(?:[ T].*)?$"

# ColumnName.normalized: lower-case, runs of space / tab / BOM / NBSP folded to one space, trimmed.
NORMALIZE_SPACE = "[ \t\ufeff\u00a0]+"

# Report columns (Sources/AuditCore/Labels/CountColumn.swift, declaration order).
COUNT_COLUMNS = [
    "records", "convicted", "pending_charges", "no_criminal_record", "no_conviction_recorded",
    "criminality_unknown", "level_1", "level_2", "level_3", "not_convicted", "unclassified",
    "ice_level_1", "ice_level_2", "ice_level_3", "ice_level_none", "ice_level_missing",
    "minor_traffic", "immigration_only", "victim_domestic_violence", "victim_violent_crime",
    "victim_trafficking", "witness", "possible_victim", "victim_witness_none", "victim_witness_unknown",
    "on_target", "off_target", "target_undetermined", "target_not_judged",
]
# Sources/Reports/Published/Publisher.swift (+ CountTables): the source has no victim / witness indicator column and the
# pipeline leaves possible_victim_heuristic off, so these columns carry text instead of numbers.
NOT_AVAILABLE = "not available in this source"
HEURISTIC_OFF = "not computed (heuristic off)"
TEXT_COLUMNS = {
    "victim_domestic_violence": NOT_AVAILABLE, "victim_violent_crime": NOT_AVAILABLE,
    "victim_trafficking": NOT_AVAILABLE, "witness": NOT_AVAILABLE, "victim_witness_none": NOT_AVAILABLE,
    "possible_victim": HEURISTIC_OFF,
}
# Columns each reference computes as sums; the rest are fixed (text above, or zero / = records).
SUM_COLUMNS = [
    "records", "convicted", "pending_charges", "no_criminal_record", "criminality_unknown",
    "level_1", "level_2", "level_3", "not_convicted", "unclassified",
    "ice_level_1", "ice_level_2", "ice_level_3", "ice_level_none", "ice_level_missing",
    "minor_traffic", "immigration_only",
    "on_target", "off_target", "target_undetermined", "target_not_judged",
]


def normalized(text):
    """ColumnName.normalized (Sources/AuditCore/Pipeline/PipelineDefinition+Validation.swift)."""
    return re.sub(NORMALIZE_SPACE, " ", text.lower()).strip(" ")


def read_header(path):
    """The column names on the header line (line SKIP_LINES + 1), trimmed of spaces and tabs."""
    with open(path, newline="", encoding="utf-8") as handle:
        for _ in range(SKIP_LINES):
            handle.readline()
        header = next(csv.reader([handle.readline()]))
    return [name.strip(" \t") for name in header]


def load_offenses(path=OFFENSES_CSV):
    """Pipelines/reference/offenses.csv as OffenseTable builds it.

    Returns (codes, names): codes = one dict per row (code upper-cased, flags as booleans,
    aggravated_felony, fallback_level as 'level_N'); names = (normalized name or alias, code), the
    first row naming a key winning (OffenseTable.init).
    """
    codes, names, seen = [], [], set()
    with open(path, newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    header = [cell.strip(" \t") for cell in rows[0]]
    for raw in rows[1:]:
        row = dict(zip(header, (cell.strip(" \t") for cell in raw)))
        code = row["code"].upper()
        codes.append({
            "code": code,
            "traffic": row["traffic"].lower() == "yes",
            "serious_traffic": row["serious_traffic"].lower() == "yes",
            "immigration": row["immigration"].lower() == "yes",
            "aggravated_felony": row["aggravated_felony"],
            "fallback_level": "level_" + row["fallback_level"],
        })
        aliases = [alias.strip(" \t") for alias in row["aliases"].split("|")]
        for name in [row["name"]] + [alias for alias in aliases if alias]:
            key = normalized(name)
            if key not in seen:
                seen.add(key)
                names.append((key, code))
    return codes, names


def load_targets(path=TARGETS_YML):
    """The stated targets (Pipelines/targets/*.yml, TargetsDefinition) as plain data.

    Returns [(era_id, from_yyyymmdd, to_yyyymmdd or None, [condition dict, ...])] in file order; a
    condition has any of criminality, derived_level (lists of label names), minor_traffic,
    immigration_only (booleans), victim_witness (list). TargetJudge: the era whose range holds the
    record's date; criminality unknown -> target_undetermined; the first off-target rule whose
    condition holds -> off_target; else on_target; outside every era -> target_not_judged.
    """
    import yaml  # PyYAML, installed by run.sh

    def day(value):
        year, month, date = (int(part) for part in str(value).split("-"))
        return year * 10000 + month * 100 + date

    with open(path, encoding="utf-8") as handle:
        spec = yaml.safe_load(handle)
    eras = []
    for era in spec["eras"]:
        to = era.get("to")
        eras.append((era["id"], day(era["from"]), None if to is None else day(to), [rule["when"] for rule in era["off_target"]]))
    return eras


# This source has no victim / witness indicator and the heuristic is off: every record is `unknown`.
VICTIM_WITNESS_STATUS = "unknown"


def _cell(text):
    """CSVDocument: neutralize formula starts, quote when needed."""
    if text and text[0] in "=+-@\t\r":
        text = "'" + text
    if any(ch in text for ch in ',"\r\n'):
        text = '"' + text.replace('"', '""') + '"'
    return text


def write_report(path, rows):
    """Writes by_fiscal_year_state.csv like Publisher.publish + PublishedCSV + CSVDocument (CRLF, no BOM).

    rows: (fiscal_year:str, state_label:str, {sum column: int}), any order; sorted here by
    (fiscal_year, state) as strings, like Aggregator.result().
    """
    lines = [",".join(["fiscal_year", "state"] + COUNT_COLUMNS + ["suppressed"])]
    for fiscal_year, state, counts in sorted(rows, key=lambda row: (row[0], row[1])):
        cells = [_cell(fiscal_year), _cell(state)]
        for column in COUNT_COLUMNS:
            if column in TEXT_COLUMNS:
                cells.append(_cell(TEXT_COLUMNS[column]))
            elif column == "no_conviction_recorded":
                cells.append("0")  # only for sources without a criminality column
            elif column == "victim_witness_unknown":
                cells.append(str(int(counts["records"])))  # no indicator: every record is unknown
            else:
                cells.append(str(int(counts[column])))
        cells.append("no")  # `suppressed`: publication.min_count 1 in bench-detainers.yml hides nothing
        lines.append(",".join(cells))
    with open(path, "wb") as handle:
        handle.write(("\r\n".join(lines) + "\r\n").encode("utf-8"))


def args():
    """`reference_x.py INPUT.csv OUTPUT.csv [--explain]`."""
    argv = sys.argv[1:]
    explain = "--explain" in argv
    argv = [arg for arg in argv if arg != "--explain"]
    if len(argv) != 2:
        sys.exit(f"usage: {os.path.basename(sys.argv[0])} INPUT.csv OUTPUT.csv [--explain]")
    return argv[0], argv[1], explain
