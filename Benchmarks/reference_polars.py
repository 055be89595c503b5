"""Polars reference for the benchmark: the by_fiscal_year_state job of Benchmarks/bench-detainers.yml.

    python3 Benchmarks/reference_polars.py INPUT.csv OUTPUT.csv [--explain]

Reads the generate-sample CSV (6 title lines, header on line 7, CRLF, quoted fields that may hold
line breaks) lazily with every column as text (no schema inference), applies detention-audit's rules
as one lazy query collected on the streaming engine, and writes the same by_fiscal_year_state.csv as
`detention-audit run`. Each step names the Swift it mirrors. --explain prints the optimized plan.
"""

import polars as pl

import bench_common as common

INPUT, OUTPUT, EXPLAIN = common.args()
C = common.COL

# The offense table (Pipelines/reference/offenses.csv, 470 rows) and its name index, with the flags the
# rules read; built in Python with OffenseTable's normalisation.
codes, names = common.load_offenses()
offense_schema = {"traffic": pl.Boolean, "serious": pl.Boolean, "immig": pl.Boolean, "agg": pl.String, "fallback": pl.String}


def offense_frame(key_name, pairs):
    by_code = {row["code"]: row for row in codes}
    data = {key_name: [], "off_code": [], **{name: [] for name in offense_schema}}
    for key, code in pairs:
        row = by_code[code]
        data[key_name].append(key)
        data["off_code"].append(code)
        data["traffic"].append(row["traffic"])
        data["serious"].append(row["serious_traffic"])
        data["immig"].append(row["immigration"])
        data["agg"].append(row["aggravated_felony"])
        data["fallback"].append(row["fallback_level"])
    return pl.LazyFrame(data, schema={key_name: pl.String, "off_code": pl.String, **offense_schema})


by_code = offense_frame("code", [(row["code"], row["code"]) for row in codes])
by_category = by_code.rename({"code": "category_code"})
by_name = offense_frame("name_key", names)


# Cell rules (Ingest/Values/CellReader.swift): trim spaces and tabs; missing markers, then FOIA
# redaction markers (RedactionMarker.swift); anything else is the value.
def t(name):
    return pl.col(name).fill_null("").str.strip_chars(" \t")


def is_missing(expr):
    return expr.is_in(common.MISSING)


def is_redacted(expr):
    return expr.str.contains(common.REDACTION)


def v(name):
    cell = t(name)
    return pl.when(is_missing(cell) | is_redacted(cell)).then(None).otherwise(cell)


def norm(expr):  # ColumnName.normalized
    return expr.str.to_lowercase().str.replace_all(common.NORMALIZE_SPACE, " ").str.strip_chars(" ")


def yesno(expr):  # Evidence.yesNo
    low = expr.str.to_lowercase()
    return pl.when(low.is_in(["yes", "y", "true"])).then(True).when(low.is_in(["no", "n", "false"])).then(False)


def amount(expr):  # Evidence: a sentence part counts when it is a plain decimal (digits and dots) and finite
    number = expr.cast(pl.Float64, strict=False)
    return pl.when(expr.str.contains(r"^[0-9.]+$") & (number >= 0) & number.is_finite()).then(number)


def strip_prefix(expr, prefix):
    return pl.when(expr.str.starts_with(prefix)).then(expr.str.slice(len(prefix))).otherwise(expr)


header = common.read_header(INPUT)
lf = pl.scan_csv(
    INPUT, skip_lines=common.SKIP_LINES, has_header=True, separator=",", quote_char='"', infer_schema=False,
)

pid = v(C["person_id"])
date_parts = v(C["date"]).str.extract_groups(common.DATE)  # DateParser: iso, then us
part = lambda index: date_parts.struct.field(str(index)).cast(pl.Int32, strict=False)  # noqa: E731
y = pl.coalesce(part(1), part(6))
m = pl.coalesce(part(2), part(4))
d = pl.coalesce(part(3), part(5))
days_in_month = (
    pl.when(pl.col("m") == 2)
    .then(pl.when(((pl.col("y") % 4 == 0) & (pl.col("y") % 100 != 0)) | (pl.col("y") % 400 == 0)).then(29).otherwise(28))
    .when(pl.col("m").is_in([4, 6, 9, 11])).then(30).otherwise(31)
)
code_u = v(C["msc_code"]).str.to_uppercase()
code_n = (  # OffenseCode.normalized: drop a numeric `.0`, pad digits to 4
    pl.when(code_u.str.ends_with(".0") & code_u.str.contains(r"^[0-9]+\.0$")).then(code_u.str.slice(0, code_u.str.len_chars() - 2))
    .otherwise(code_u)
)

records = (
    lf.select(
        pid.alias("pid"),
        y.alias("y"), m.alias("m"), d.alias("d"),
        t(C["state"]).alias("state_t"),
        v(C["criminality"]).alias("crim_v"),
        norm(v(C["ice_threat_level"])).alias("thr_n"),
        code_n.alias("code_n"),
        v(C["msc_name"]).alias("name_v"),
        amount(v(C["msc_sentence_days"])).alias("s_days"),
        amount(v(C["msc_sentence_months"])).alias("s_months"),
        amount(v(C["msc_sentence_years"])).alias("s_years"),
        norm(v(C["aggravated_felon"])).alias("felon_n"),
        yesno(v(C["aggravated_felony_flag"])).alias("flag"),
        yesno(v(C["prior_felony"])).alias("prior"),
        yesno(v(C["multiple_prior_misd"])).alias("multi"),
        # Deduplicator: without a key, only rows whose trimmed fields are all equal are duplicates.
        pl.when(pid.is_null()).then(pl.concat_str([t(name) for name in header], separator="\x1f")).alias("content"),
    )
    # SimpleDate: a missing, redacted or unreadable date is a reject.
    .filter(pl.col("y").is_between(1900, 2100) & pl.col("m").is_between(1, 12) & (pl.col("d") >= 1) & (pl.col("d") <= days_in_month))
    # Deduplicator: the first record in file order per (person_id, date), or per distinct row without one.
    .unique(subset=["pid", "y", "m", "d", "content"], keep="first")
    .drop("content")
    .with_columns(
        code=pl.when((pl.col("code_n") != "") & (pl.col("code_n").str.len_chars() < 4) & pl.col("code_n").str.contains("^[0-9]+$"))
        .then(pl.col("code_n").str.zfill(4)).otherwise(pl.col("code_n")),
        name_key=norm(pl.col("name_v")),
    )
    .with_columns(category_code=pl.when(pl.col("code").str.len_chars() == 4).then(pl.col("code").str.slice(0, 2) + "99"))
)

# OffenseTable.lookup: the code, else its category's xx99 row, else the name.
looked = (
    records.join(by_code, on="code", how="left")
    .join(by_category, on="category_code", how="left", suffix="_category")
    .join(by_name, on="name_key", how="left", suffix="_name")
)
offense = {
    name: pl.coalesce(pl.col(name), pl.col(f"{name}_category"), pl.col(f"{name}_name"))
    for name in ["off_code", *offense_schema]
}
sentence = (
    pl.when(pl.col("s_days").is_null() & pl.col("s_months").is_null() & pl.col("s_years").is_null()).then(None)
    .otherwise(pl.col("s_days").fill_null(0.0) + (pl.col("s_months") * 30.4375).fill_null(0.0) + (pl.col("s_years") * 365.25).fill_null(0.0))
)
has_offense = ((pl.col("code") != "").fill_null(False)) | pl.col("name_v").is_not_null()
crim_key = norm(pl.col("crim_v")).str.replace(r"^[0-9]+ ", "")
ice_k = strip_prefix(strip_prefix(strip_prefix(pl.col("thr_n"), "ice threat level "), "threat level "), "level ")
ice_k = pl.when(ice_k.str.ends_with(".0")).then(ice_k.str.slice(0, ice_k.str.len_chars() - 2)).otherwise(ice_k)

labelled = looked.select(
    "y", "m", "d",
    fiscal_year=pl.when(pl.col("m") >= 10).then(pl.col("y") + 1).otherwise(pl.col("y")).cast(pl.String),
    state=pl.when(is_missing(pl.col("state_t"))).then(pl.lit("(missing)"))
    .when(is_redacted(pl.col("state_t"))).then(pl.lit("(redacted)")).otherwise(pl.col("state_t")),
    # CriminalityRule
    crim=pl.when(pl.col("crim_v").is_null()).then(pl.when(has_offense).then(pl.lit("convicted")).otherwise(pl.lit("unknown")))
    .when(crim_key == "convicted criminal").then(pl.lit("convicted"))
    .when(crim_key == "pending criminal charges").then(pl.lit("pending_charges"))
    .when(crim_key == "other immigration violator").then(pl.lit("no_criminal_record"))
    .otherwise(pl.lit("unknown")),
    # ThreatLevelRule
    ice=pl.when(pl.col("thr_n").is_null()).then(pl.lit("missing"))
    .when(ice_k.is_in(["1", "2", "3"])).then(ice_k)
    .when(ice_k.is_in(["none", "no ice threat level", "0"])).then(pl.lit("none"))
    .otherwise(pl.lit("missing")),
    # Evidence: aggravated-felon categories
    felon=pl.when(pl.col("felon_n").is_in(["not an aggravated felon", "no", "n"])).then(False)
    .when(pl.col("felon_n").is_in(["drugs", "other", "both (drug and other agg felon convictions)", "both", "yes", "y"])).then(True),
    flag=pl.col("flag"), prior=pl.col("prior"), multi=pl.col("multi"),
    sentence=sentence,
    **offense,
)

felony_now = (pl.col("sentence") > 365.25).fill_null(False)
convicted = pl.col("crim") == "convicted"
found = pl.col("off_code").is_not_null()
level = (  # DerivedLevelRule, first rule that applies
    pl.when(pl.col("crim").is_in(["pending_charges", "no_criminal_record"])).then(pl.lit("not_convicted"))
    .when(pl.col("crim") == "unknown").then(pl.lit("unclassified"))
    .when(pl.col("flag").fill_null(False)).then(pl.lit("level_1"))
    .when(pl.col("felon").fill_null(False)).then(pl.lit("level_1"))
    .when(pl.col("agg") == "per_se").then(pl.lit("level_1"))
    .when((pl.col("agg") == "with_sentence_1y") & (pl.col("sentence") >= 365)).then(pl.lit("level_1"))
    .when(felony_now & pl.col("prior").fill_null(False)).then(pl.lit("level_1"))
    .when(felony_now).then(pl.lit("level_2"))
    .when(pl.col("prior").fill_null(False)).then(pl.lit("level_2"))
    .when(pl.col("multi").fill_null(False)).then(pl.lit("level_2"))
    .when(found).then(pl.col("fallback"))
    .otherwise(pl.lit("unclassified"))
)
any_felony = felony_now | pl.col("felon").fill_null(False) | pl.col("flag").fill_null(False) | pl.col("prior").fill_null(False)
minor = (convicted & found & pl.col("traffic") & ~pl.col("serious") & ~any_felony).fill_null(False)  # MinorTrafficRule
immig = (convicted & found & pl.col("immig")).fill_null(False)  # ImmigrationOnlyRule



def target_expr():
    """TargetJudge over the labels and the record's date (YYYYMMDD) of the era it falls in."""
    ymd = pl.col("y") * 10000 + pl.col("m") * 100 + pl.col("d")
    expr = pl.lit("target_not_judged")
    for _, start, end, conditions in reversed(common.load_targets()):  # built inside out: first era wins
        judged = pl.lit("on_target")
        for when in reversed(conditions):  # first rule wins
            holds = pl.lit(True)
            if "criminality" in when:
                holds = holds & pl.col("crim").is_in(when["criminality"])
            if "derived_level" in when:
                holds = holds & pl.col("level").is_in(when["derived_level"])
            if "minor_traffic" in when:
                holds = holds & (pl.col("minor") == bool(when["minor_traffic"]))
            if "immigration_only" in when:
                holds = holds & (pl.col("immig") == bool(when["immigration_only"]))
            if "victim_witness" in when:
                holds = holds & pl.lit(common.VICTIM_WITNESS_STATUS in when["victim_witness"])
            judged = pl.when(holds).then(pl.lit("off_target")).otherwise(judged)
        judged = pl.when(pl.col("crim") == "unknown").then(pl.lit("target_undetermined")).otherwise(judged)
        in_era = (ymd >= start) if end is None else ((ymd >= start) & (ymd <= end))
        expr = pl.when(in_era).then(judged).otherwise(expr)
    return expr


crim, ice, target = pl.col("crim"), pl.col("ice"), pl.col("target")
report = (
    labelled.with_columns(level=level, minor=minor, immig=immig)
    .with_columns(target=target_expr())
    .group_by("fiscal_year", "state")
    .agg(
        records=pl.len(),
        convicted=(crim == "convicted").sum(),
        pending_charges=(crim == "pending_charges").sum(),
        no_criminal_record=(crim == "no_criminal_record").sum(),
        criminality_unknown=(crim == "unknown").sum(),
        level_1=(pl.col("level") == "level_1").sum(),
        level_2=(pl.col("level") == "level_2").sum(),
        level_3=(pl.col("level") == "level_3").sum(),
        not_convicted=(pl.col("level") == "not_convicted").sum(),
        unclassified=(pl.col("level") == "unclassified").sum(),
        ice_level_1=(ice == "1").sum(),
        ice_level_2=(ice == "2").sum(),
        ice_level_3=(ice == "3").sum(),
        ice_level_none=(ice == "none").sum(),
        ice_level_missing=(ice == "missing").sum(),
        minor_traffic=pl.col("minor").sum(),
        immigration_only=pl.col("immig").sum(),
        on_target=(target == "on_target").sum(),
        off_target=(target == "off_target").sum(),
        target_undetermined=(target == "target_undetermined").sum(),
        target_not_judged=(target == "target_not_judged").sum(),
    )
)

if EXPLAIN:
    print(report.explain(engine="streaming"))

result = report.collect(engine="streaming")
rows = [
    (row["fiscal_year"], row["state"], {column: row[column] for column in common.SUM_COLUMNS})
    for row in result.iter_rows(named=True)
]
common.write_report(OUTPUT, rows)
