#!/usr/bin/env python3
"""An independent attacker on a published run folder: how much can linear programming learn about
the hidden cells?

Usage: attacker.py RUN_DIR [--unsuppressed [--small-hidden]] [--all-hidden] [--exact] [--examples N]

It reads only what a run publishes (the CSV files, manifest.json's totals) and knows only the
identities the README documents:

- in every row of every count table, each label family adds up to `records` (criminality, derived
  level, ICE level, target status, victim/witness where numeric);
  `not_convicted = pending_charges + no_criminal_record + no_conviction_recorded`;
  `minor_traffic <= convicted`, `immigration_only <= convicted`;
- a report whose group_by is a superset of another's: its rows add up to the coarser row, for
  every count column; every report's column adds up to the same total, and `records` to the
  manifest's grand total (`totals.records_counted`);
- `<report>_targets.csv` repeats cells of `<report>.csv`; its shares (6 decimals) times their
  denominators give their numerators; `confirmed_victims_witnesses` is the sum of the four
  confirmed columns, `possible_victims` the possible_victim column;
- `agreement.csv`: rows of one ICE level add up to that ICE-level column's total, rows of one
  derived level to that derived-level total, all rows to the grand total; the manifest's
  `agreement.compared` / `agreeing` are sums of its compared / agreeing rows;
- `rules.csv`: the rules of one label add up to the grand total;
- `eras.csv`: the era rows' `records` and `criminality_unknown` add up to the grand totals; each
  published share times the era's records gives a numerator, and the numerators add up to that
  column's total;
- `changes.csv`: a `current` value is the cell; `previous + change` too;
- `<k` means 1..k-1, `x` any count >= 0.

For every primary (`<k`) cell (with --all-hidden: every hidden cell) it minimises and maximises the
cell over the LP relaxation (without --exact, a cell whose bounds 1 and k-1 are both reached by
solutions of batch problems -- the sum of the unproven cells maximised, then minimised -- is
proven safe without its own solves; its interval is then reported as at least [1, k-1]) (scipy.optimize.linprog, method "highs"), one connected component of
the constraint graph at a time. It prints JSON: how many primary intervals are narrower than
[1, k-1], how many hidden cells are pinned to one value. With --unsuppressed it reads the truth
from internal/unsuppressed_*.csv and counts intervals that miss it (must be 0: the attacker is
sound), and with --all-hidden (or --small-hidden: only the hidden cells whose true value is
1..k-1) also counts hidden cells whose true value is 1..k-1 but shown `x`
(a primary cell shown `x`) whose interval is narrower than [1, k-1] (`narrowed_small_hidden`).
"""

import csv
import json
import os
import re
import sys
from collections import defaultdict

import numpy as np
from scipy.optimize import linprog
from scipy.sparse import coo_matrix, csr_matrix, hstack, vstack

COUNT_COLUMNS = [
    "records", "convicted", "pending_charges", "no_criminal_record", "no_conviction_recorded", "criminality_unknown",
    "level_1", "level_2", "level_3", "not_convicted", "unclassified",
    "ice_level_1", "ice_level_2", "ice_level_3", "ice_level_none", "ice_level_missing",
    "minor_traffic", "immigration_only",
    "victim_domestic_violence", "victim_violent_crime", "victim_trafficking", "witness", "possible_victim",
    "victim_witness_none", "victim_witness_unknown",
    "on_target", "off_target", "target_undetermined", "target_not_judged",
    "targeted", "collateral", "apprehension_type_unknown",
]
FAMILIES = [
    ["convicted", "pending_charges", "no_criminal_record", "no_conviction_recorded", "criminality_unknown"],
    ["level_1", "level_2", "level_3", "not_convicted", "unclassified"],
    ["ice_level_1", "ice_level_2", "ice_level_3", "ice_level_none", "ice_level_missing"],
    ["on_target", "off_target", "target_undetermined", "target_not_judged"],
    ["victim_domestic_violence", "victim_violent_crime", "victim_trafficking", "witness", "possible_victim",
     "victim_witness_none", "victim_witness_unknown"],
    ["targeted", "collateral", "apprehension_type_unknown"],
]
CONFIRMED = ["victim_domestic_violence", "victim_violent_crime", "victim_trafficking", "witness"]
ICE_LEVEL = {"1": "ice_level_1", "2": "ice_level_2", "3": "ice_level_3", "none": "ice_level_none", "missing": "ice_level_missing"}
SHARES = {  # share column -> (numerator columns, denominator columns)
    "off_target_share": (["off_target"], ["on_target", "off_target"]),
    "no_conviction_share": (["not_convicted"], ["records"]),
    "minor_traffic_share": (["minor_traffic"], ["records"]),
    "immigration_only_share": (["immigration_only"], ["records"]),
    "level_1_share": (["level_1"], ["records"]),
    "collateral_share": (["collateral"], ["targeted", "collateral"]),
}
HALF_ULP = 5.0000001e-7  # shares are rounded to 6 decimals


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    return rows[0], rows[1:]


class Model:
    """Variables are hidden cells (and unknown totals); expressions are ({var: coef}, constant)."""

    def __init__(self):
        self.names = []          # variable names
        self.lower = []
        self.upper = []
        self.kind = []           # "primary", "complementary", "total"
        self.index = {}
        self.equalities = []     # (expr, rhs): expr == rhs
        self.inequalities = []   # (expr, rhs): expr <= rhs
        self.k = None

    def variable(self, name, kind, lower, upper):
        if name not in self.index:
            self.index[name] = len(self.names)
            self.names.append(name)
            self.lower.append(lower)
            self.upper.append(upper)
            self.kind.append(kind)
        return self.index[name]

    def cell(self, name, text):
        """The expression of one published cell, or None when it is not a count."""
        text = text.strip()
        if re.fullmatch(r"-?\d+", text):
            return ({}, float(text))
        match = re.fullmatch(r"<(\d+)", text)
        if match:
            self.k = int(match.group(1))
            return ({self.variable(name, "primary", 1, self.k - 1): 1.0}, 0.0)
        if text == "x":
            return ({self.variable(name, "complementary", 0, None): 1.0}, 0.0)
        return None

    def total(self, column):
        return ({self.variable("total:" + column, "total", 0, None): 1.0}, 0.0)

    def relate(self, terms, rhs=0.0, less=False):
        """sum(coef * expr) (== or <=) rhs; skipped when an expression is unknown."""
        coefs, constant = defaultdict(float), 0.0
        for coef, expr in terms:
            if expr is None:
                return
            for var, c in expr[0].items():
                coefs[var] += coef * c
            constant += coef * expr[1]
        coefs = {v: c for v, c in coefs.items() if abs(c) > 1e-15}
        if not coefs:
            return
        (self.inequalities if less else self.equalities).append((coefs, rhs - constant))


def load_reports(folder, model):
    """count tables: name -> (group columns, {key: {column: expr}})."""
    reports = {}
    for file in sorted(os.listdir(folder)):
        if not file.endswith(".csv") or file.endswith("_targets.csv"):
            continue
        header, rows = read_csv(os.path.join(folder, file))
        if "records" not in header or "suppressed" not in header or header[0] in ("rank", "era_id"):
            continue
        name = file[:-4]
        groups = header[: header.index("records")]
        table = {}
        for row in rows:
            key = tuple(row[: len(groups)])
            cells = {}
            for column, text in zip(header, row):
                if column in COUNT_COLUMNS:
                    expr = model.cell(f"{name}|{'|'.join(key)}|{column}", text)
                    if expr is not None:
                        cells[column] = expr
            table[key] = cells
        reports[name] = (groups, table)
    return reports


def add_row_identities(model, reports):
    for name, (groups, table) in reports.items():
        for key, cells in table.items():
            records = cells.get("records")
            for family in FAMILIES:
                present = [cells[c] for c in family if c in cells]
                if present:
                    model.relate([(1, e) for e in present] + [(-1, records)])
            if all(c in cells for c in ["not_convicted", "pending_charges", "no_criminal_record", "no_conviction_recorded"]):
                model.relate([(1, cells["not_convicted"]), (-1, cells["pending_charges"]),
                              (-1, cells["no_criminal_record"]), (-1, cells["no_conviction_recorded"])])
            for part in ["minor_traffic", "immigration_only"]:
                if part in cells and "convicted" in cells:
                    model.relate([(1, cells[part]), (-1, cells["convicted"])], less=True)


def add_report_relations(model, reports, grand_total):
    for name, (groups, table) in reports.items():
        for column in COUNT_COLUMNS:
            exprs = [cells[column] for cells in table.values() if column in cells]
            if exprs and len(exprs) == len(table):
                model.relate([(1, e) for e in exprs] + [(-1, model.total(column))])
    if grand_total is not None:
        model.relate([(1, model.total("records"))], grand_total)
    for coarse, (coarse_groups, coarse_table) in reports.items():
        for fine, (fine_groups, fine_table) in reports.items():
            if coarse == fine or not set(coarse_groups) < set(fine_groups):
                continue
            positions = [fine_groups.index(g) for g in coarse_groups]
            members = defaultdict(list)
            for key in fine_table:
                members[tuple(key[p] for p in positions)].append(key)
            for key, cells in coarse_table.items():
                for column, expr in cells.items():
                    parts = [fine_table[f].get(column) for f in members.get(key, [])]
                    model.relate([(1, expr)] + [(-1, p) for p in parts])


def add_targets(model, folder, reports):
    for name, (groups, table) in reports.items():
        path = os.path.join(folder, name + "_targets.csv")
        if not os.path.exists(path):
            continue
        header, rows = read_csv(path)
        for row in rows:
            key = tuple(row[: len(groups)])
            cells = table.get(key, {})
            values = dict(zip(header, row))
            for column in ["records", "on_target", "off_target", "target_undetermined", "target_not_judged"]:
                expr = model.cell(f"{name}|{'|'.join(key)}|{column}", values.get(column, ""))
                if expr is not None and column in cells:
                    model.relate([(1, expr), (-1, cells[column])])
            confirmed = model.cell(f"{name}_targets|{'|'.join(key)}|confirmed", values.get("confirmed_victims_witnesses", ""))
            if confirmed is not None and all(c in cells for c in CONFIRMED):
                model.relate([(1, confirmed)] + [(-1, cells[c]) for c in CONFIRMED])
            possible = model.cell(f"{name}_targets|{'|'.join(key)}|possible", values.get("possible_victims", ""))
            if possible is not None and "possible_victim" in cells:
                model.relate([(1, possible), (-1, cells["possible_victim"])])
            for share, (numerator, denominator) in SHARES.items():
                text = values.get(share, "")
                if not re.fullmatch(r"-?\d+(\.\d+)?", text) or not all(c in cells for c in numerator + denominator):
                    continue
                try:
                    s = float(text)
                except ValueError:  # a reason in place of the share ("not available in this source: ...")
                    continue
                # |num - s*den| <= HALF_ULP*den
                for sign in (1, -1):
                    terms = [(sign, cells[c]) for c in numerator] + [(-sign * s - HALF_ULP, cells[c]) for c in denominator]
                    model.relate(terms, 0.0, less=True)


def add_listings(model, folder, manifest):
    path = os.path.join(folder, "agreement.csv")
    if os.path.exists(path):
        header, rows = read_csv(path)
        by_ice, by_derived, everything, compared, agreeing = defaultdict(list), defaultdict(list), [], [], []
        for row in rows:
            values = dict(zip(header, row))
            expr = model.cell(f"agreement|{values['ice_threat_level']}|{values['derived_level']}", values["records"])
            if expr is None:
                continue
            by_ice[values["ice_threat_level"]].append(expr)
            by_derived[values["derived_level"]].append(expr)
            everything.append(expr)
            if values["agree"] != "not_compared":
                compared.append(expr)
            if values["agree"] == "yes":
                agreeing.append(expr)
        for level, exprs in by_ice.items():
            if level in ICE_LEVEL:
                model.relate([(1, e) for e in exprs] + [(-1, model.total(ICE_LEVEL[level]))])
        for level, exprs in by_derived.items():
            if level in COUNT_COLUMNS:
                model.relate([(1, e) for e in exprs] + [(-1, model.total(level))])
        model.relate([(1, e) for e in everything] + [(-1, model.total("records"))])
        if manifest and "agreement" in manifest:
            model.relate([(1, e) for e in compared], float(manifest["agreement"]["compared"]))
            model.relate([(1, e) for e in agreeing], float(manifest["agreement"]["agreeing"]))
    path = os.path.join(folder, "rules.csv")
    if os.path.exists(path):
        header, rows = read_csv(path)
        by_label = defaultdict(list)
        for row in rows:
            values = dict(zip(header, row))
            expr = model.cell(f"rules|{values['label']}|{values['rule']}", values["records"])
            if expr is not None:
                by_label[values["label"]].append(expr)
        for exprs in by_label.values():
            model.relate([(1, e) for e in exprs] + [(-1, model.total("records"))])


ERA_SHARES = {"no_conviction_share": "not_convicted", "no_criminal_record_share": "no_criminal_record",
              "level_1_share": "level_1"}


def add_eras(model, folder):
    """eras.csv: era rows partition the records; `records` and `criminality_unknown` add up to the
    grand totals; a published share times the era's records gives its numerator (a variable of its
    own), and the numerators add up to that column's total."""
    path = os.path.join(folder, "eras.csv")
    if not os.path.exists(path):
        return
    header, rows = read_csv(path)
    sums = defaultdict(list)
    for row in rows:
        values = dict(zip(header, row))
        cells = {}
        for column in ["records", "criminality_unknown"]:
            expr = model.cell(f"eras|{values['era_id']}|{column}", values[column])
            if expr is not None:
                cells[column] = expr
                sums[column].append(expr)
        for share, column in ERA_SHARES.items():
            text = values.get(share, "")
            if not re.fullmatch(r"-?\d+(\.\d+)?", text) or "records" not in cells:
                continue
            s = float(text)
            numerator = ({model.variable(f"eras|{values['era_id']}|{column}", "derived", 0, None): 1.0}, 0.0)
            sums[column].append(numerator)
            for sign in (1, -1):
                model.relate([(sign, numerator), (-sign * s - HALF_ULP, cells["records"])], 0.0, less=True)
    for column, exprs in sums.items():
        if len(exprs) == len(rows):
            model.relate([(1, e) for e in exprs] + [(-1, model.total(column))])


def add_changes(model, folder, reports):
    path = os.path.join(folder, "changes.csv")
    if not os.path.exists(path):
        return
    header, rows = read_csv(path)
    for row in rows:
        values = dict(zip(header, row))
        if values["report"] not in reports or values["measure"] not in COUNT_COLUMNS:
            continue
        groups, table = reports[values["report"]]
        given = dict(part.split("=", 1) for part in values["group"].split("; ")) if values["group"] else {}
        key = tuple(given.get(g, "") for g in groups)
        cell = table.get(key, {}).get(values["measure"])
        if cell is None:
            continue
        if re.fullmatch(r"-?\d+", values["current"]):
            model.relate([(1, cell)], float(values["current"]))
        if re.fullmatch(r"-?\d+", values["previous"]) and re.fullmatch(r"-?\d+", values["change"]):
            model.relate([(1, cell)], float(values["previous"]) + float(values["change"]))


def truth(folder, model):
    """The true value of every variable, from internal/unsuppressed_*.csv."""
    values = {}
    internal = os.path.join(folder, "internal")
    for file in os.listdir(internal):
        if not file.startswith("unsuppressed_") or not file.endswith(".csv"):
            continue
        name = file[len("unsuppressed_"):-4]
        header, rows = read_csv(os.path.join(internal, file))
        if name == "agreement":
            for row in rows:
                v = dict(zip(header, row))
                values[f"agreement|{v['ice_threat_level']}|{v['derived_level']}"] = float(v["records"])
        elif name == "eras":
            for row in rows:
                v = dict(zip(header, row))
                for column in ["records", "criminality_unknown"]:
                    values[f"eras|{v['era_id']}|{column}"] = float(v[column])
        elif name == "rules":
            for row in rows:
                v = dict(zip(header, row))
                values[f"rules|{v['label']}|{v['rule']}"] = float(v["records"])
        elif "records" in header:
            groups = header[: header.index("records")]
            base = name[: -len("_targets")] if name.endswith("_targets") else name
            for row in rows:
                key = "|".join(row[: len(groups)])
                for column, text in zip(header, row):
                    if re.fullmatch(r"-?\d+", text):
                        values[f"{base}|{key}|{column}"] = float(text)
                        if column == "confirmed_victims_witnesses":
                            values[f"{base}_targets|{key}|confirmed"] = float(text)
                        if column == "possible_victims":
                            values[f"{base}_targets|{key}|possible"] = float(text)
    return values


def components(model):
    parent = list(range(len(model.names)))

    def find(a):
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    for coefs, _ in model.equalities + model.inequalities:
        variables = list(coefs)
        for v in variables[1:]:
            ra, rb = find(variables[0]), find(v)
            if ra != rb:
                parent[ra] = rb
    groups = defaultdict(list)
    for v in range(len(model.names)):
        groups[find(v)].append(v)
    return list(groups.values())


def solve_component(model, variables, targets, exact=False):
    local = {v: i for i, v in enumerate(variables)}
    members = set(variables)

    def matrix(relations):
        rows, cols, data, rhs = [], [], [], []
        for coefs, b in relations:
            if next(iter(coefs)) not in members:
                continue
            for v, c in coefs.items():
                rows.append(len(rhs))
                cols.append(local[v])
                data.append(c)
            rhs.append(b)
        if not rhs:
            return None, None
        return coo_matrix((data, (rows, cols)), shape=(len(rhs), len(variables))).tocsr(), np.array(rhs)

    a_eq, b_eq = matrix(model.equalities)
    a_ub, b_ub = matrix(model.inequalities)
    bounds = [(model.lower[v], model.upper[v]) for v in variables]
    k = model.k or 0
    eps = 1e-6

    def solve(objective):
        result = linprog(objective, A_ub=a_ub, b_ub=b_ub, A_eq=a_eq, b_eq=b_eq, bounds=bounds, method="highs")
        if result.status == 3:
            return None
        if result.status != 0:
            raise SystemExit(f"attacker: LP over {model.names[variables[0]]}'s component failed: {result.message}")
        return result

    intervals = {}
    if not exact:
        # Any solution proves every bound it reaches: a cell at 1 (or below) has its minimum there,
        # one at k-1 (or above) its maximum. Batches first: maximise the sum of min(cell, k-1) of
        # the unproven cells (an auxiliary y <= cell, y <= k-1 each), then minimise their sum;
        # then one by one for what is left.
        low_done, high_done = batch_proofs(model, variables, targets, local, a_eq, b_eq, a_ub, b_ub, bounds, solve)
        for v in targets:
            if v in low_done and v in high_done:
                intervals[v] = (min(1.0, model.lower[v]) if model.kind[v] == "primary" else 0.0, None)
    for v in targets:
        if v in intervals:
            continue
        ends = []
        for sign in (1, -1):
            c = np.zeros(len(variables))
            c[local[v]] = sign
            result = solve(c)
            if result is None:      # unbounded
                ends.append(None if sign == -1 else model.lower[v])
            else:
                ends.append(sign * result.fun)
        intervals[v] = (ends[0], ends[1])
    return intervals


def batch_proofs(model, variables, targets, local, a_eq, b_eq, a_ub, b_ub, bounds, solve):
    k = model.k or 0
    eps = 1e-6
    n = len(variables)
    low_done, high_done = set(), set()
    while True:
        open_cells = [v for v in targets if v not in high_done]
        if not open_cells:
            break
        m = len(open_cells)
        rows = list(range(m)) * 2
        cols = [n + i for i in range(m)] + [local[v] for v in open_cells]
        data = [1.0] * m + [-1.0] * m
        extra = coo_matrix((data, (rows, cols)), shape=(m, n + m)).tocsr()
        widen = lambda a: None if a is None else hstack([a, csr_matrix((a.shape[0], m))]).tocsr()
        ub = extra if a_ub is None else vstack([widen(a_ub), extra]).tocsr()
        b = np.zeros(m) if b_ub is None else np.concatenate([b_ub, np.zeros(m)])
        c = np.concatenate([np.zeros(n), -np.ones(m)])
        result = linprog(c, A_ub=ub, b_ub=b, A_eq=widen(a_eq), b_eq=b_eq, bounds=bounds + [(0, k - 1)] * m,
                         method="highs")
        if result.status != 0:
            break
        before = len(high_done)
        for v in targets:
            value = result.x[local[v]]
            if value >= k - 1 - eps:
                high_done.add(v)
            if value <= 1 + eps:
                low_done.add(v)
        if len(high_done) == before:
            break
    while True:
        open_cells = [v for v in targets if v not in low_done]
        if not open_cells:
            break
        c = np.zeros(n)
        for v in open_cells:
            c[local[v]] = 1
        result = solve(c)
        if result is None:
            break
        before = len(low_done)
        for v in targets:
            value = result.x[local[v]]
            if value <= 1 + eps:
                low_done.add(v)
            if value >= k - 1 - eps:
                high_done.add(v)
        if len(low_done) == before:
            break
    return low_done, high_done


def main(argv):
    folder = argv[1]
    options = set(argv[2:])
    examples = 10
    model = Model()
    manifest = None
    manifest_path = os.path.join(folder, "manifest.json")
    if os.path.exists(manifest_path):
        with open(manifest_path, encoding="utf-8") as handle:
            manifest = json.load(handle)
    grand_total = float(manifest["totals"]["records_counted"]) if manifest else None
    reports = load_reports(folder, model)
    add_row_identities(model, reports)
    add_report_relations(model, reports, grand_total)
    add_targets(model, folder, reports)
    add_listings(model, folder, manifest)
    add_eras(model, folder)
    add_changes(model, folder, reports)

    wanted = {"primary", "complementary"} if "--all-hidden" in options else {"primary"}
    small_truth = None
    if "--small-hidden" in options:
        # Every hidden cell whose true value is 1..k-1, whether shown <k or x (needs --unsuppressed).
        true_values = truth(folder, model)
        small_truth = {v for v, name in enumerate(model.names) if model.kind[v] in ("primary", "complementary")
                       and name in true_values and 1 <= true_values[name] <= (model.k or 0) - 1}
    intervals = {}
    for variables in components(model):
        targets = [v for v in variables if model.kind[v] in wanted or (small_truth is not None and v in small_truth)]
        if targets:
            intervals.update(solve_component(model, variables, targets, exact="--exact" in options))

    k = model.k or 0
    eps = 1e-6
    narrowed, pinned = [], []
    for v, (low, high) in intervals.items():
        high_value = float("inf") if high is None else high
        if model.kind[v] == "primary" and (low > 1 + eps or high_value < k - 1 - eps):
            narrowed.append(v)
        if high is not None and high - low < eps:
            pinned.append(v)
    report = {
        "k": k,
        "hidden": sum(1 for kind in model.kind if kind in ("primary", "complementary")),
        "primary": sum(1 for kind in model.kind if kind == "primary"),
        "audited": len(intervals),
        "narrowed_primary": len(narrowed),
        "pinned": len(pinned),
        "pinned_primary": sum(1 for v in pinned if model.kind[v] == "primary"),
        "examples": [
            {"cell": model.names[v], "interval": list(intervals[v])} for v in narrowed[:examples]
        ],
    }
    if "--unsuppressed" in options:
        true = truth(folder, model)
        missed, checked = [], 0
        for v, (low, high) in intervals.items():
            value = true.get(model.names[v])
            if value is None:
                continue
            checked += 1
            if value < low - eps or (high is not None and value > high + eps):
                missed.append({"cell": model.names[v], "true": value, "interval": [low, high]})
        small = [v for v in intervals if model.kind[v] in ("primary", "complementary")
                 and model.names[v] in true and 1 <= true[model.names[v]] <= k - 1]
        narrowed_small = [v for v in small if intervals[v][0] > 1 + eps
                          or (intervals[v][1] is not None and intervals[v][1] < k - 1 - eps)]
        report["small_hidden_audited"] = len(small)
        report["narrowed_small_hidden"] = len(narrowed_small)
        report["narrowed_small_examples"] = [
            {"cell": model.names[v], "true": true[model.names[v]], "interval": list(intervals[v])}
            for v in narrowed_small[:examples]]
        report["soundness_checked"] = checked
        report["unsound"] = len(missed)
        report["unsound_examples"] = missed[:examples]
    json.dump(report, sys.stdout, indent=1)
    print()


if __name__ == "__main__":
    main(sys.argv)
