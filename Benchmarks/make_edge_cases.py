"""Writes a small CSV of hand-made edge cases for the benchmark's agreement check.

    python3 Benchmarks/make_edge_cases.py OUTPUT.csv

generate-sample only draws from a fixed vocabulary, so agreement on its files does not show that the
DuckDB and Polars references follow detention-audit's rules in the corners. This file does: the same
layout (6 title lines, the raw ICE header, CRLF), with rows that exercise every rule the job uses —
padded cells, missing and redaction markers (and near misses), both date formats and invalid dates,
code normalisation, category and name fallbacks, every criminality / threat-level / yes-no spelling
the rules read, sentence arithmetic at the one-year borders, the borders of the stated-target eras,
and both kinds of duplicate.
Deterministic: the same bytes every time. run.sh compares the three tools on it in every mode.
"""

import csv
import io
import random
import sys

import bench_common as common

HEADER = [
    "Detainer Prepare Date", "Facility State", "Facility AOR", "Port of Departure", "Departure Country",
    "Departed Date", "Case Status", "Detainer Criminality", "Detainer Facility", "Detainer Facility Code",
    "Facility City", "Detainer Threat Level", "Gender", "Citizenship Country", "Birth Country", "Birth Date",
    "Birth Year", "Entry Status", "MSC Charge", "MSC Sentence Days", "MSC Sentence Months",
    "MSC Sentence Years", "MSC Charge Code", "MSC Charge Date", "MSC Conviction Date",
    "Aggravated Felon Yes No", "Processing Disposition", "Case Category", "TOA Case Category",
    "TOA Current Program", "Apprehension Method", "Final Order Yes No", "Final Order Date",
    "Apprehension Date", "Entry Date", "Prior Felony Yes No", "Multiple Prior MISD Yes No",
    "Violent Misdemeanor Yes No", "Illegal Entry Yes No", "Illegal Reentry Yes No",
    "Immigration Fraud Yes No", "Significant Risk Yes No", "Other Removal Reason Yes No",
    "Other Removal Reason", "Criminal Street Gang Yes No", "Aggravated Felony Yes No",
    "Deportation Ordered Yes No", "Order to Show Cause Served Yes No", "Order to Show Cause Served Date",
    "Biometric Match Yes No", "Statements Made Yes No", "Unlawful Attempt Yes No", "Unlawful Entry Yes No",
    "Visa Yes No", "Federal Register Notice Yes No", "Resume Custody Yes No", "Detainer Lift Reason",
    "Detainer Lift Reason Code", "Active Investigation Yes No", "Arrest Warrant Served Date", "Detainer Type",
    "Notify Release Request Yes No", "TOD Current Duty Site", "EID DTA ID", "Anonymized Identifier",
]
F = {field: HEADER.index(name) for field, name in common.COL.items()}

DATES = [
    "2015-10-01", "2015-9-30", "2016-02-29", "2015-02-29", "1899-12-31", "2101-01-01", "2012-03-04 00:00:00",
    "2012-03-04T11:25:00.5", "2021-12-01T00:00:00Z", "3/4/2012", "03/04/2012 13:00", "12/31/2019", "13/01/2019",
    "2012-03-04x", "2012-3-4 ", " 2013-11-05", "12345-01-01", "2012-00-10", "2012-04-31", "4/31/2012",
    "10/1/2014", "9/30/2014", "2008-10-26", "2008-10-27", "2011-09-30", "2011-10-01", "2014-11-19",
    "11/20/2014", "2017-01-24", "2017-01-25 08:00", "2021-01-19", "2021-01-20", "2024-05-05", "NA", "", "(b)(6)", "IIDS ETL NULL", "2012/03/04", "1/2/12", "2014-10-01T",
]
STATES = [
    "TEXAS", "  TEXAS  ", "Texas", "NA", "", "IIDS ETL NULL", "na", "(b)(6), (b)(7)(c)", "(b)(6)(b)(7)(c)",
    "b(6)b(7)c", "(b)(6),(b)(7)c)", "b(6), b(7)©", "(B)(3)", "(b)(6)(g)", "b(6) withheld", "101(a)(43)(B)",
    "-MINUS", "=SUM(1)", "ST, COMMA", 'QUOTE "Q"', "@AT", "+PLUS", "WEST\u00a0VIRGINIA", "MÉXICO", "b", ",",
]
CRIMINALITY = [
    "1 Convicted Criminal", "2 Pending Criminal Charges", "3 Other Immigration Violator", "Convicted Criminal",
    "  1   Convicted \t Criminal ", "CONVICTED CRIMINAL", "12 convicted criminal", "1Convicted Criminal",
    "Convicted", "", "NA", "(b)(7)(e)", "4 Unknown", "1 Pending Criminal Charges",
]
THREAT = [
    "1", "2", "3", "1.0", "2.0", "Level 1", "Threat Level 2", "ICE Threat Level 3", "No ICE Threat Level",
    "none", "0", "0.0", "4", "", "NA", "(B)(7)(E)", "level 1.0", "LEVEL  2", "ice threat level level 1",
    "Level 1.0.0", "1.00",
]
CODES = [
    "5404", "0301", "301", "3599.0", "301.0", "13ab", "13AB", "35XY", "16XX", "9999", "ABCD", "54", "5",
    "", "NA", "0000", " 5403 ", "5401", "5499", "8003", "03AB", "7099", "1315", "0999", "12.0", ".0", "1.5",
    "2399", "35AB", "2699",
]
NAMES = [
    "Driving Under Influence Liquor", "driving   under influence liquor", "Traffic Offense", "Assault",
    "Battery", "Licensing Violation", "Identity Theft", "Illegal Entry (INA SEC.101(a)(43)(O), 8USC1325 only)",
    "", "NA", "Unknown Offense", "HIT AND RUN", "Drug Trafficking", "homicide",
]
FELON = ["Not an Aggravated Felon", "Drugs", "Other", "Both (drug and other agg felon convictions)", "Both",
         "YES", "no", "N", "", "Maybe", "  drugs  "]
YESNO = ["YES", "NO", "Y", "n", "true", "False", "", "NA", "maybe", " yes "]
AMOUNTS = ["", "", "", "364", "365", "366", "12", "13", "1", "2", "0", "-5", "abc", "1e3", "365.25", "NA", "0.5"]


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: make_edge_cases.py OUTPUT.csv")
    rng = random.Random(7)
    rows = []

    def row(**fields):
        cells = [""] * len(HEADER)
        cells[F["date"]] = "2015-06-15"
        cells[F["state"]] = "TEXAS"
        cells[F["person_id"]] = f"id{len(rows):05d}"
        cells[F["criminality"]] = "1 Convicted Criminal"
        for field, value in fields.items():
            cells[F[field]] = value
        rows.append(cells)
        return cells

    # One value at a time, each rule's spellings.
    for value in DATES:
        row(date=value)
    for value in STATES:
        row(state=value)
    for value in CRIMINALITY:
        row(criminality=value, msc_code=rng.choice(["", "5404"]))
    for value in THREAT:
        row(ice_threat_level=value)
    for value in CODES:
        row(msc_code=value)
        row(msc_code=value, msc_name=rng.choice(NAMES))
    for value in NAMES:
        row(msc_name=value)
    # Random combinations of the classification fields.
    for _ in range(3000):
        row(
            date=rng.choice(DATES[:12] + DATES[20:33]), state=rng.choice(STATES[:6] + ["FLORIDA", "OHIO"]),
            criminality=rng.choice(CRIMINALITY), ice_threat_level=rng.choice(THREAT),
            msc_code=rng.choice(CODES), msc_name=rng.choice(NAMES), aggravated_felon=rng.choice(FELON),
            aggravated_felony_flag=rng.choice(YESNO), prior_felony=rng.choice(YESNO),
            multiple_prior_misd=rng.choice(YESNO), msc_sentence_days=rng.choice(AMOUNTS),
            msc_sentence_months=rng.choice(AMOUNTS), msc_sentence_years=rng.choice(AMOUNTS),
        )
    # Duplicates: exact repeats (also with padding), key repeats with other values, rows without a key.
    for index in range(0, 600, 7):
        original = rows[len(rows) - 1 - index]
        rows.append(list(original))
        padded = [f" {cell}\t" if cell else cell for cell in original]
        rows.append(padded)
        other = list(original)
        other[F["state"]] = "KEY-REPEAT"
        other[F["criminality"]] = "2 Pending Criminal Charges"
        rows.append(other)
        if index % 3 == 0:
            same_day = list(original)  # same person, same day written another way: a key duplicate
            same_day[F["date"]] = same_day[F["date"]].replace("-0", "-") + " 00:00"
            same_day[F["state"]] = "SAME-DAY-OTHER-SPELLING"
            rows.append(same_day)
    for index in range(60):
        cells = row(person_id=rng.choice(["", "NA", "(b)(6), (b)(7)(c)"]), state=f"NOKEY{index % 4}",
                    ice_threat_level=rng.choice(THREAT))
        rows.append(list(cells))  # an exact repeat: not counted
        variant = list(cells)
        variant[HEADER.index("Gender")] = "X"  # differs in an unmapped column only: counted
        rows.append(variant)
        blank_variant = list(cells)
        blank_variant[F["person_id"]] = "NA" if cells[F["person_id"]] == "" else ""  # different bytes: counted
        rows.append(blank_variant)
    # Line breaks inside quoted fields.
    row(state="LINE\nBREAK")
    cells = row(msc_name="Traffic\r\nOffense")
    cells[HEADER.index("Other Removal Reason")] = "first line\nsecond line"

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    titles = ["Detainers FY2009 - FY2020", "Source: edge cases for Benchmarks/run.sh", "Run date: 2026-03-11", "", "", ""]
    text = "\r\n".join(titles) + "\r\n"
    writer.writerow(HEADER)
    for cells in rows:
        writer.writerow(cells)
    with open(sys.argv[1], "wb") as handle:
        handle.write((text + out.getvalue()).encode("utf-8"))


if __name__ == "__main__":
    main()
