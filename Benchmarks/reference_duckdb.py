"""DuckDB reference for the benchmark: the by_fiscal_year_state job of Benchmarks/bench-detainers.yml.

    python3 Benchmarks/reference_duckdb.py INPUT.csv OUTPUT.csv [--explain]

Reads the generate-sample CSV (6 title lines, header on line 7, CRLF, quoted fields that may hold
line breaks) with every column as text, applies detention-audit's rules in one SQL query, and writes
the same by_fiscal_year_state.csv as `detention-audit run`. Each step names the Swift it mirrors.
--explain prints DuckDB's physical plan (to check that the hash joins build on the offense table).
"""

import os

import duckdb

import bench_common as common

INPUT, OUTPUT, EXPLAIN = common.args()


def q(name):
    """A quoted SQL identifier."""
    return '"' + name.replace('"', '""') + '"'


def lit(text):
    """A quoted SQL string literal."""
    return "'" + text.replace("'", "''") + "'"


con = duckdb.connect()
con.execute(f"SET threads TO {os.cpu_count()}")
con.execute("SET preserve_insertion_order = true")  # row_number() OVER () = file order

# The offense table (Pipelines/reference/offenses.csv, 470 rows) and its name index, built in Python
# with the same normalisation as OffenseTable; the name index carries the row's flags directly.
codes, names = common.load_offenses()
flags = {row["code"]: row for row in codes}
con.execute("CREATE TEMP TABLE off_code (code VARCHAR, traffic BOOLEAN, serious BOOLEAN, immig BOOLEAN, agg VARCHAR, fallback VARCHAR)")
con.executemany("INSERT INTO off_code VALUES (?, ?, ?, ?, ?, ?)", [
    (r["code"], r["traffic"], r["serious_traffic"], r["immigration"], r["aggravated_felony"], r["fallback_level"]) for r in codes])
con.execute("CREATE TEMP TABLE off_name (name_key VARCHAR, code VARCHAR, traffic BOOLEAN, serious BOOLEAN, immig BOOLEAN, agg VARCHAR, fallback VARCHAR)")
con.executemany("INSERT INTO off_name VALUES (?, ?, ?, ?, ?, ?, ?)", [
    (key, code, flags[code]["traffic"], flags[code]["serious_traffic"], flags[code]["immigration"],
     flags[code]["aggravated_felony"], flags[code]["fallback_level"]) for key, code in names])

# Cell rules (Ingest/Values/CellReader.swift): libcsv trims spaces and tabs around unquoted cells and
# keeps quoted ones whole; the generated benchmark files quote no cell with outer spaces, so trimming
# every cell here gives the same values;
# missing markers, then FOIA redaction markers; anything else is the value.
con.execute("CREATE MACRO t(x) AS trim(coalesce(x, ''), ' ' || chr(9))")
con.execute(f"CREATE MACRO is_missing(x) AS x IN ({', '.join(lit(m) for m in common.MISSING)})")
con.execute(f"CREATE MACRO is_redacted(x) AS left(x, 1) IN ('(', 'b', 'B', ',') AND regexp_full_match(x, {lit(common.REDACTION)})")
con.execute("CREATE MACRO v(x) AS CASE WHEN is_missing(x) OR is_redacted(x) THEN NULL ELSE x END")
# ColumnName.normalized.
con.execute(f"CREATE MACRO norm(x) AS trim(regexp_replace(lower(x), {lit(common.NORMALIZE_SPACE)}, ' ', 'g'), ' ')")
# Evidence.yesNo.
con.execute("""CREATE MACRO yesno(x) AS CASE WHEN lower(x) IN ('yes', 'y', 'true') THEN true
                                              WHEN lower(x) IN ('no', 'n', 'false') THEN false END""")
# Evidence: a sentence part is a plain decimal (digits and dots only, so not `1e3` or `0x10`).
con.execute("CREATE MACRO amount(x) AS CASE WHEN regexp_full_match(x, '[0-9.]+') THEN try_cast(x AS DOUBLE) END")
# ThreatLevelRule: normalised, the prefixes removed in this order, then a trailing `.0` (see `looked`).
con.execute("CREATE MACRO strip_prefix(k, p) AS CASE WHEN starts_with(k, p) THEN substr(k, length(p) + 1) ELSE k END")
# SimpleDate.init: 1900...2100, month 1...12, day within the month (Gregorian leap years).
con.execute("""CREATE MACRO valid_date(y, m, d) AS y BETWEEN 1900 AND 2100 AND m BETWEEN 1 AND 12 AND d >= 1 AND d <=
    CASE WHEN m = 2 THEN CASE WHEN (y % 4 = 0 AND y % 100 <> 0) OR y % 400 = 0 THEN 29 ELSE 28 END
         WHEN m IN (4, 6, 9, 11) THEN 30 ELSE 31 END""")



def target_case():
    """TargetJudge over the labels `crim`, `level`, `minor`, `immig` and the date `ymd` (YYYYMMDD)."""
    whens = []
    for _, start, end, conditions in common.load_targets():
        in_era = f"ymd >= {start}" + ("" if end is None else f" AND ymd <= {end}")
        rules = ["WHEN crim = 'unknown' THEN 'target_undetermined'"]
        for when in conditions:
            parts = []
            if "criminality" in when:
                parts.append(f"crim IN ({', '.join(lit(value) for value in when['criminality'])})")
            if "derived_level" in when:
                parts.append(f"level IN ({', '.join(lit(value) for value in when['derived_level'])})")
            if "minor_traffic" in when:
                parts.append(f"minor = {str(bool(when['minor_traffic'])).lower()}")
            if "immigration_only" in when:
                parts.append(f"immig = {str(bool(when['immigration_only'])).lower()}")
            if "victim_witness" in when:
                parts.append("true" if common.VICTIM_WITNESS_STATUS in when["victim_witness"] else "false")
            rules.append(f"WHEN {' AND '.join(parts)} THEN 'off_target'")
        whens.append(f"WHEN {in_era} THEN CASE {' '.join(rules)} ELSE 'on_target' END")
    return f"CASE {' '.join(whens)} ELSE 'target_not_judged' END"


header = common.read_header(INPUT)
C = {field: q(name) for field, name in common.COL.items()}
csv_options = ", ".join([
    "header = true", f"skip = {common.SKIP_LINES}", "delim = ','", "quote = '\"'", "escape = '\"'",
    "new_line = '\\r\\n'", "auto_detect = false", "all_varchar = true", "parallel = true",
    "columns = {" + ", ".join(f"{lit(name)}: 'VARCHAR'" for name in header) + "}",
])
content = "concat_ws(chr(31), " + ", ".join(f"t({q(name)})" for name in header) + ")"

# Two statements. DuckDB keeps file order only through order-preserving operators: row_number() OVER ()
# would do it but runs the scan on one thread, so the per-row work goes into a table first (a parallel
# scan whose insertion order is the file order, hence rowid = record number), then the joins,
# de-duplication and counting run on that table. Every expensive expression is computed once, in its
# own stage (DuckDB expands macros textually).
load = f"""
CREATE TEMP TABLE accepted AS
WITH trimmed AS (  -- ReadState.process: the mapped fields, trimmed
    SELECT
        t({C['date']}) AS date_t, t({C['state']}) AS state_t, t({C['person_id']}) AS pid_t,
        t({C['criminality']}) AS crim_t, t({C['ice_threat_level']}) AS thr_t, t({C['msc_code']}) AS code_t,
        t({C['msc_name']}) AS name_t, t({C['msc_sentence_days']}) AS days_t, t({C['msc_sentence_months']}) AS months_t,
        t({C['msc_sentence_years']}) AS years_t, t({C['aggravated_felon']}) AS felon_t,
        t({C['aggravated_felony_flag']}) AS flag_t, t({C['prior_felony']}) AS prior_t,
        t({C['multiple_prior_misd']}) AS multi_t,
        -- Deduplicator: without a key, only rows whose trimmed fields are all equal are duplicates.
        CASE WHEN is_missing(t({C['person_id']})) OR is_redacted(t({C['person_id']})) THEN {content} END AS content
    FROM read_csv({lit(INPUT)}, {csv_options})
),
cells AS (  -- CellReader: NULL = missing or redacted
    SELECT content, state_t,
        v(date_t) AS date_v, v(pid_t) AS pid, v(crim_t) AS crim_v, v(thr_t) AS thr_v,
        upper(v(code_t)) AS code_u, v(name_t) AS name_v, v(days_t) AS days_v, v(months_t) AS months_v,
        v(years_t) AS years_v, v(felon_t) AS felon_v, v(flag_t) AS flag_v, v(prior_t) AS prior_v, v(multi_t) AS multi_v
    FROM trimmed
),
parsed AS (  -- DateParser (iso, then us); Evidence number and yes/no readings; ColumnName.normalized
    SELECT content, state_t, pid, crim_v, name_v,
        regexp_extract(date_v, {lit(common.DATE)}, ['iy', 'im', 'id', 'um', 'ud', 'uy']) AS p,
        yesno(flag_v) AS flag, yesno(prior_v) AS prior, yesno(multi_v) AS multi,
        amount(days_v) AS days_n, amount(months_v) AS months_n, amount(years_v) AS years_n,
        norm(crim_v) AS crim_n, norm(thr_v) AS thr_n, norm(felon_v) AS felon_n, norm(name_v) AS name_key,
        CASE WHEN suffix(code_u, '.0') AND regexp_full_match(left(code_u, length(code_u) - 2), '[0-9]+')
             THEN left(code_u, length(code_u) - 2) ELSE code_u END AS code_n
    FROM cells
)
SELECT * FROM (  -- SimpleDate; a missing, redacted or unreadable date is a reject
    SELECT * EXCLUDE (p),
        CAST(nullif(coalesce(nullif(p.iy, ''), p.uy), '') AS INTEGER) AS y,
        CAST(nullif(coalesce(nullif(p.im, ''), p.um), '') AS INTEGER) AS m,
        CAST(nullif(coalesce(nullif(p.id, ''), p.ud), '') AS INTEGER) AS d
    FROM parsed)
WHERE valid_date(y, m, d)
"""

query = f"""
WITH coded AS (  -- OffenseCode.normalized (pad digits to 4); Evidence sentence total in days
    SELECT *,
        CASE WHEN code_n <> '' AND length(code_n) < 4 AND regexp_full_match(code_n, '[0-9]+')
             THEN lpad(code_n, 4, '0') ELSE code_n END AS code,
        CASE WHEN days_n >= 0 AND isfinite(days_n) THEN days_n END AS s_days,
        CASE WHEN months_n >= 0 AND isfinite(months_n) THEN months_n END AS s_months,
        CASE WHEN years_n >= 0 AND isfinite(years_n) THEN years_n END AS s_years,
        strip_prefix(strip_prefix(strip_prefix(thr_n, 'ice threat level '), 'threat level '), 'level ') AS thr_k
    FROM (SELECT rowid AS rn, * FROM accepted)
),
looked AS (  -- OffenseTable.lookup: the code, else its category's xx99 row, else the name
    SELECT c.*,
        coalesce(c.code <> '', false) OR c.name_v IS NOT NULL AS has_offense,
        CASE WHEN s_days IS NULL AND s_months IS NULL AND s_years IS NULL THEN NULL
             ELSE coalesce(s_days, 0) + coalesce(s_months * 30.4375, 0) + coalesce(s_years * 365.25, 0) END AS sentence,
        CASE WHEN suffix(thr_k, '.0') THEN left(thr_k, length(thr_k) - 2) ELSE thr_k END AS ice_k,
        coalesce(o1.code, o2.code, n.code) AS off_code,
        coalesce(o1.traffic, o2.traffic, n.traffic) AS off_traffic,
        coalesce(o1.serious, o2.serious, n.serious) AS off_serious,
        coalesce(o1.immig, o2.immig, n.immig) AS off_immig,
        coalesce(o1.agg, o2.agg, n.agg) AS off_agg,
        coalesce(o1.fallback, o2.fallback, n.fallback) AS off_fallback
    FROM coded c
    LEFT JOIN off_code o1 ON o1.code = c.code
    LEFT JOIN off_code o2 ON o2.code = CASE WHEN length(c.code) = 4 THEN left(c.code, 2) || '99' END
    LEFT JOIN off_name n ON n.name_key = c.name_key
),
labelled AS (  -- CriminalityRule, ThreatLevelRule, Evidence (aggravated-felon categories)
    SELECT *,
        CASE WHEN crim_v IS NULL THEN CASE WHEN has_offense THEN 'convicted' ELSE 'unknown' END
             ELSE CASE regexp_replace(crim_n, '^[0-9]+ ', '')
                 WHEN 'convicted criminal' THEN 'convicted'
                 WHEN 'pending criminal charges' THEN 'pending_charges'
                 WHEN 'other immigration violator' THEN 'no_criminal_record'
                 ELSE 'unknown' END
        END AS crim,
        CASE WHEN ice_k IN ('1', '2', '3') THEN ice_k
             WHEN ice_k IN ('none', 'no ice threat level', '0') THEN 'none'
             ELSE 'missing' END AS ice,
        CASE WHEN felon_n IN ('not an aggravated felon', 'no', 'n') THEN false
             WHEN felon_n IN ('drugs', 'other', 'both (drug and other agg felon convictions)', 'both', 'yes', 'y') THEN true
        END AS felon,
        coalesce(sentence > 365.25, false) AS felony_now
    FROM looked
),
classified AS (  -- DerivedLevelRule, MinorTrafficRule, ImmigrationOnlyRule; one row per accepted record
    SELECT rn, pid, y, m, d, content,
        CAST(CASE WHEN m >= 10 THEN y + 1 ELSE y END AS VARCHAR) AS fiscal_year,
        CASE WHEN is_missing(state_t) THEN '(missing)' WHEN is_redacted(state_t) THEN '(redacted)' ELSE state_t END AS state,
        crim,
        CASE WHEN crim IN ('pending_charges', 'no_criminal_record') THEN 'not_convicted'
             WHEN crim = 'unknown' THEN 'unclassified'
             WHEN flag THEN 'level_1'
             WHEN felon THEN 'level_1'
             WHEN off_agg = 'per_se' THEN 'level_1'
             WHEN off_agg = 'with_sentence_1y' AND sentence >= 365 THEN 'level_1'
             WHEN felony_now AND prior THEN 'level_1'
             WHEN felony_now THEN 'level_2'
             WHEN prior THEN 'level_2'
             WHEN multi THEN 'level_2'
             WHEN off_code IS NOT NULL THEN off_fallback
             ELSE 'unclassified' END AS level,
        ice,
        crim = 'convicted' AND off_code IS NOT NULL AND off_traffic AND NOT off_serious
            AND NOT (felony_now OR coalesce(felon, false) OR coalesce(flag, false) OR coalesce(prior, false)) AS minor,
        crim = 'convicted' AND off_code IS NOT NULL AND off_immig AS immig
    FROM labelled
),
targeted AS (  -- TargetJudge: the stated targets of the era of the record's date
    SELECT *, {target_case()} AS target FROM (SELECT *, y * 10000 + m * 100 + d AS ymd FROM classified)
),
counted AS (  -- Deduplicator: the first record (file order) per (person_id, date), or per distinct row without one
    SELECT arg_min({{'fiscal_year': fiscal_year, 'state': state, 'crim': crim, 'level': level, 'ice': ice,
                    'minor': minor, 'immig': immig, 'target': target}}, rn) AS r
    FROM targeted
    GROUP BY pid, y, m, d, content
)
SELECT r.fiscal_year, r.state,
    count(*) AS records,
    count(*) FILTER (r.crim = 'convicted') AS convicted,
    count(*) FILTER (r.crim = 'pending_charges') AS pending_charges,
    count(*) FILTER (r.crim = 'no_criminal_record') AS no_criminal_record,
    count(*) FILTER (r.crim = 'unknown') AS criminality_unknown,
    count(*) FILTER (r.level = 'level_1') AS level_1,
    count(*) FILTER (r.level = 'level_2') AS level_2,
    count(*) FILTER (r.level = 'level_3') AS level_3,
    count(*) FILTER (r.level = 'not_convicted') AS not_convicted,
    count(*) FILTER (r.level = 'unclassified') AS unclassified,
    count(*) FILTER (r.ice = '1') AS ice_level_1,
    count(*) FILTER (r.ice = '2') AS ice_level_2,
    count(*) FILTER (r.ice = '3') AS ice_level_3,
    count(*) FILTER (r.ice = 'none') AS ice_level_none,
    count(*) FILTER (r.ice = 'missing') AS ice_level_missing,
    count(*) FILTER (r.minor) AS minor_traffic,
    count(*) FILTER (r.immig) AS immigration_only,
    count(*) FILTER (r.target = 'on_target') AS on_target,
    count(*) FILTER (r.target = 'off_target') AS off_target,
    count(*) FILTER (r.target = 'target_undetermined') AS target_undetermined,
    count(*) FILTER (r.target = 'target_not_judged') AS target_not_judged
FROM counted
GROUP BY ALL
"""


con.execute(load)
if EXPLAIN:
    # DuckDB's HASH_JOIN builds its hash table on the right (second) child and probes with the left.
    import json

    def describe(node):
        while node["name"] not in ("SEQ_SCAN", "TABLE_SCAN", "READ_CSV") and node["children"]:
            node = node["children"][0]
        info = node.get("extra_info", {})
        return f"{info.get('Table', info.get('Function', node['name']))} (~{info.get('Estimated Cardinality', '?')} rows)"

    def joins(node):
        if node["name"] == "HASH_JOIN":
            probe, build = node["children"]
            print(f"HASH_JOIN {node['extra_info'].get('Conditions', '')!s:.70}: probe {describe(probe)}, build {describe(build)}")
        for child in node["children"]:
            joins(child)

    for root in json.loads(con.execute("EXPLAIN (FORMAT json) " + query).fetchall()[0][1]):
        joins(root)
    for _, plan in con.execute("EXPLAIN " + query).fetchall():
        print(plan)
result = con.execute(query)
names = [column[0] for column in result.description]
rows = []
for values in result.fetchall():
    record = dict(zip(names, values))
    rows.append((record["fiscal_year"], record["state"], {column: record[column] for column in common.SUM_COLUMNS}))
common.write_report(OUTPUT, rows)
