#!/usr/bin/env python3
"""Check an .xlsx file written by XLSXWriter against a JSON file of expectations.

Usage: xlsx_check.py BOOK.xlsx EXPECT.json

EXPECT.json:
    {
      "frozen": "A2",                 # optional: freeze_panes every sheet must have
                                      #   (null = no frozen pane); a sheet's own
                                      #   "frozen" key overrides it
      "exact_sheets": true,           # optional, default true: the workbook's sheet
                                      #   names must equal the keys of "sheets", in order
      "sheets": {
        "Name": {
          "header": ["ID", "Name"],   # optional: row 1, cell by cell; header cells
                                      #   must be bold and their columns must have a width
          "rows": [[1, "x"], ...],    # optional: every data row (row 2 on), cell by cell;
                                      #   the data row count must match too. Missing
                                      #   trailing cells and null mean "empty".
          "rows_prefix": [[...]],     # optional: only the first data rows
          "row_count": 2500,          # optional: number of data rows
          "formats": {"C": "0.0%"},   # optional: number_format of every non-empty
                                      #   data cell in that column
          "widths": {"A": 12.5},      # optional: exact column widths (+-0.01)
          "autofilter": "A1:C2501",   # optional: the autofilter range (null = none)
          "frozen": "A2"              # optional, see above
        }
      }
    }

Values: a JSON string must be a string cell (never a formula), a JSON number a
numeric cell with an equal value, null an empty cell. Strings are compared as a
spreadsheet application shows them: `_xHHHH_` escapes are decoded first.

The whole file is also checked: it must be a valid zip, and no cell anywhere may
hold a formula. Prints "xlsx check passed" and exits 0 on success; otherwise
prints every mismatch (up to 50) to stderr and exits 1. Exit 2 = bad usage or
unreadable input.
"""

import json
import math
import re
import sys
import zipfile

try:
    import openpyxl
    from openpyxl.utils import column_index_from_string, get_column_letter
except ImportError:  # pragma: no cover - environment problem, not a check failure
    sys.stderr.write("xlsx check: openpyxl is not installed (pip install openpyxl)\n")
    sys.exit(2)

MAX_ERRORS = 50
_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


class Checker:
    def __init__(self):
        self.errors = []

    def fail(self, message):
        self.errors.append(message)

    def ok(self):
        return not self.errors


def decode_ooxml(text):
    """Decode ST_Xstring escapes (_x000B_ -> U+000B, _x005F_ -> '_') as Excel does."""
    return _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)


def describe(value):
    return f"{value!r} ({type(value).__name__})"


def compare_value(chk, where, expected, cell):
    actual = cell.value if cell is not None else None
    data_type = cell.data_type if cell is not None else "n"
    if data_type == "f" or (isinstance(actual, str) and data_type != "s" and actual.startswith("=")):
        chk.fail(f"{where}: cell holds a formula {actual!r}, expected {describe(expected)}")
        return
    if expected is None:
        if actual is not None and actual != "":
            chk.fail(f"{where}: expected an empty cell, got {describe(actual)}")
        return
    if isinstance(expected, bool):
        if actual is not expected:
            chk.fail(f"{where}: expected {describe(expected)}, got {describe(actual)}")
        return
    if isinstance(expected, str):
        if not isinstance(actual, str):
            chk.fail(f"{where}: expected string {expected!r}, got {describe(actual)}")
        elif decode_ooxml(actual) != expected:
            chk.fail(f"{where}: expected {expected!r}, got {decode_ooxml(actual)!r}")
        return
    if isinstance(expected, (int, float)):
        if isinstance(actual, bool) or not isinstance(actual, (int, float)):
            chk.fail(f"{where}: expected number {expected!r}, got {describe(actual)}")
            return
        if isinstance(expected, int) and isinstance(actual, int):
            equal = expected == actual
        else:
            equal = float(expected) == float(actual) or (
                math.isfinite(float(expected)) and math.isclose(float(expected), float(actual), rel_tol=1e-15, abs_tol=0.0)
            )
        if not equal:
            chk.fail(f"{where}: expected {expected!r}, got {actual!r}")
        return
    chk.fail(f"{where}: unsupported expected value {describe(expected)} in the JSON")


def compare_rows(chk, ws, name, rows, exact_count):
    data_rows = ws.max_row - 1 if ws.max_row and ws.max_row > 1 else 0
    if exact_count and data_rows != len(rows):
        chk.fail(f"sheet {name!r}: expected {len(rows)} data rows, found {data_rows}")
    width = max([ws.max_column or 0] + [len(r) for r in rows])
    for r_index, expected_row in enumerate(rows):
        if not isinstance(expected_row, list):
            chk.fail(f"sheet {name!r}: expected row {r_index} is not a list in the JSON")
            continue
        row_number = r_index + 2
        for c_index in range(width):
            expected = expected_row[c_index] if c_index < len(expected_row) else None
            cell = ws.cell(row=row_number, column=c_index + 1)
            compare_value(chk, f"sheet {name!r} {get_column_letter(c_index + 1)}{row_number}", expected, cell)
            if len(chk.errors) >= MAX_ERRORS:
                return


def check_sheet(chk, ws, name, spec, default_frozen, has_default_frozen):
    frozen = spec["frozen"] if "frozen" in spec else default_frozen
    if "frozen" in spec or has_default_frozen:
        if ws.freeze_panes != frozen:
            chk.fail(f"sheet {name!r}: expected frozen pane {frozen!r}, got {ws.freeze_panes!r}")

    header = spec.get("header")
    if header is not None:
        for index, expected in enumerate(header):
            cell = ws.cell(row=1, column=index + 1)
            letter = get_column_letter(index + 1)
            compare_value(chk, f"sheet {name!r} header {letter}1", expected, cell)
            if expected not in (None, "") and not (cell.font is not None and cell.font.b):
                chk.fail(f"sheet {name!r}: header cell {letter}1 is not bold")
            dim = ws.column_dimensions.get(letter) if letter in ws.column_dimensions else None
            if dim is None or not dim.width or dim.width <= 0:
                chk.fail(f"sheet {name!r}: column {letter} has no width")
        extra = ws.max_column if ws.max_row >= 1 else 0
        for index in range(len(header), extra):
            value = ws.cell(row=1, column=index + 1).value
            if value not in (None, ""):
                chk.fail(f"sheet {name!r}: unexpected header cell {get_column_letter(index + 1)}1 = {value!r}")

    if "rows" in spec:
        compare_rows(chk, ws, name, spec["rows"], exact_count=True)
    if "rows_prefix" in spec:
        compare_rows(chk, ws, name, spec["rows_prefix"], exact_count=False)
    if "row_count" in spec:
        data_rows = ws.max_row - 1 if ws.max_row and ws.max_row > 1 else 0
        if data_rows != spec["row_count"]:
            chk.fail(f"sheet {name!r}: expected {spec['row_count']} data rows, found {data_rows}")

    for letter, expected_format in (spec.get("formats") or {}).items():
        try:
            column = column_index_from_string(letter)
        except ValueError:
            chk.fail(f"sheet {name!r}: bad column letter {letter!r} in formats")
            continue
        checked = 0
        for row in range(2, ws.max_row + 1):
            cell = ws.cell(row=row, column=column)
            if cell.value is None:
                continue
            checked += 1
            if cell.number_format != expected_format:
                chk.fail(
                    f"sheet {name!r} {letter}{row}: expected number format {expected_format!r}, "
                    f"got {cell.number_format!r}"
                )
                break
        if checked == 0 and ws.max_row > 1:
            chk.fail(f"sheet {name!r}: column {letter} has no data cells to check format {expected_format!r}")

    for letter, expected_width in (spec.get("widths") or {}).items():
        dim = ws.column_dimensions[letter] if letter in ws.column_dimensions else None
        actual = dim.width if dim is not None else None
        if actual is None or abs(float(actual) - float(expected_width)) > 0.01:
            chk.fail(f"sheet {name!r}: column {letter} width expected {expected_width}, got {actual}")

    if "autofilter" in spec:
        actual = ws.auto_filter.ref if ws.auto_filter is not None else None
        if actual != spec["autofilter"]:
            chk.fail(f"sheet {name!r}: expected autofilter {spec['autofilter']!r}, got {actual!r}")


def check_no_formulas(chk, wb):
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    chk.fail(f"sheet {ws.title!r} {cell.coordinate}: formula {cell.value!r} (the writer must never emit formulas)")
                    if len(chk.errors) >= MAX_ERRORS:
                        return


def main(argv):
    if len(argv) != 3:
        sys.stderr.write("usage: xlsx_check.py BOOK.xlsx EXPECT.json\n")
        return 2
    book_path, expect_path = argv[1], argv[2]
    try:
        with open(expect_path, encoding="utf-8") as handle:
            expect = json.load(handle)
    except (OSError, ValueError) as error:
        sys.stderr.write(f"xlsx check: cannot read expectations {expect_path}: {error}\n")
        return 2
    if not isinstance(expect, dict) or not isinstance(expect.get("sheets", {}), dict):
        sys.stderr.write("xlsx check: expectations must be an object with a \"sheets\" object\n")
        return 2

    chk = Checker()
    try:
        with zipfile.ZipFile(book_path) as archive:
            bad = archive.testzip()
            if bad is not None:
                chk.fail(f"zip member {bad!r} is corrupt")
            names = set(archive.namelist())
            for required in ("[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/styles.xml"):
                if required not in names:
                    chk.fail(f"zip member {required!r} is missing")
        wb = openpyxl.load_workbook(book_path)  # not read_only: freeze panes and widths need the full model
    except (OSError, zipfile.BadZipFile, KeyError, ValueError) as error:
        sys.stderr.write(f"xlsx check FAILED: cannot open {book_path}: {error}\n")
        return 1

    sheets = expect.get("sheets", {})
    if expect.get("exact_sheets", True) and wb.sheetnames != list(sheets.keys()):
        chk.fail(f"sheet names: expected {list(sheets.keys())!r}, got {wb.sheetnames!r}")
    has_default_frozen = "frozen" in expect
    for name, spec in sheets.items():
        if name not in wb.sheetnames:
            chk.fail(f"sheet {name!r} is missing (sheets: {wb.sheetnames!r})")
            continue
        check_sheet(chk, wb[name], name, spec or {}, expect.get("frozen"), has_default_frozen)
        if len(chk.errors) >= MAX_ERRORS:
            break
    if len(chk.errors) < MAX_ERRORS:
        check_no_formulas(chk, wb)

    if not chk.ok():
        sys.stderr.write(f"xlsx check FAILED for {book_path}: {len(chk.errors)} mismatch(es)\n")
        for message in chk.errors[:MAX_ERRORS]:
            sys.stderr.write(f"  - {message}\n")
        return 1
    print("xlsx check passed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
