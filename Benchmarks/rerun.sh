#!/usr/bin/env bash
# Benchmarks/rerun.sh: the nightly rerun against the first run (Benchmarks/README.md, "Rerun").
#
#   Benchmarks/rerun.sh                            # 1,000,000 and 5,000,000 rows, 3 pairs each
#   SIZES=1000000 RUNS=1 Benchmarks/rerun.sh
#
# For each size: a first run into a fresh output folder and a fresh state folder (cache and history),
# then a rerun over the same unchanged file into the same folders, both timed with GNU time (wall
# time and peak RSS, as Benchmarks/run.sh measures them), RUNS times with fresh folders each time.
# The rerun must reuse the cache entry and report no record changes (checked). Inputs are generated
# as Benchmarks/run.sh does (same names and stamps in BENCH_DIR, so either script reuses them).
#
# Environment: SIZES, RUNS (default 3), BENCH_DIR (default /tmp/detention-audit-bench), BUILD (0 = time
# the binary already in .build-bench), QUIET_WAIT (seconds to wait for idle CPUs before each run, 120).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

SEED=1
SIZES="${SIZES:-1000000 5000000}"
RUNS="${RUNS:-3}"
BENCH_DIR="${BENCH_DIR:-/tmp/detention-audit-bench}"
BUILD="${BUILD:-1}"
QUIET_WAIT="${QUIET_WAIT:-120}"
SCRATCH=.build-bench
TOOL="$ROOT/$SCRATCH/release/detention-audit"
PIPELINE=Benchmarks/bench-detainers.yml
RESULTS=Benchmarks/results

[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || { echo "RUNS must be a positive whole number, got '$RUNS'" >&2; exit 2; }
for size in $SIZES; do [[ "$size" =~ ^[1-9][0-9]*$ ]] || { echo "SIZES: '$size' is not a row count" >&2; exit 2; }; done
say() { printf '\n== %s\n' "$*" >&2; }

[[ -x /usr/bin/time ]] || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null; }
mkdir -p "$BENCH_DIR" "$RESULTS"
if [[ "$BUILD" != 0 ]]; then
    say "building detention-audit (release, --scratch-path $SCRATCH)"
    swift build -c release --scratch-path "$SCRATCH" >"$BENCH_DIR/rerun-build.log" 2>&1 \
        || { grep -E "error:" "$BENCH_DIR/rerun-build.log" | sort -u | head -20 >&2; exit 1; }
fi
sources="$(git rev-parse --short HEAD)$( [[ -n "$(git status --porcelain -- Sources Package.swift)" ]] && echo ' (with uncommitted changes)' || true)"

# Inputs: the same files and stamps as Benchmarks/run.sh.
generator_hash="$(cat Sources/SampleData/*.swift | sha256sum | cut -c1-16)"
input_for() {
    local size="$1" file="$BENCH_DIR/detainers-$1-seed$SEED.csv" stamp="rows=$1 seed=$SEED generator=$generator_hash"
    if ! [[ -f "$file" && -f "$file.stamp" && "$(head -1 "$file.stamp")" == "$stamp" \
        && "$(sed -n 2p "$file.stamp")" == "$(stat -c %s "$file")" ]]; then
        say "generating $size rows (seed $SEED) into $file"
        rm -f "$file" "$file.stamp"
        "$TOOL" generate-sample --rows "$size" --seed "$SEED" -o "$file.tmp" >&2
        mv "$file.tmp" "$file"
        printf '%s\n%s\n' "$stamp" "$(stat -c %s "$file")" >"$file.stamp"
    fi
    INPUT="$file"
}

TICKS="$(getconf CLK_TCK)"; NPROC="$(nproc)"
cpu_busy() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8 + $9}' /proc/stat; }
wait_for_quiet() {
    local waited=0 before after
    while (( waited < QUIET_WAIT )); do
        before="$(cpu_busy)"; sleep 1; after="$(cpu_busy)"
        (( (after - before) * 100 < TICKS * NPROC * 10 )) && return 0
        waited=$((waited + 1))
    done
    echo "  still busy after ${QUIET_WAIT}s; timing anyway" >&2
}

# timed LABEL DIR FILE: one `run` into DIR/out with state DIR/state; appends "wall rss other_cpu" to TIMES.
timed() {
    local label="$1" dir="$2" file="$3" before after
    wait_for_quiet
    before="$(cpu_busy)"
    /usr/bin/time -o "$dir/time.txt" -f '%e %U %S %M' \
        "$TOOL" run --quiet --pipeline "$PIPELINE" --out "$dir/out" --state "$dir/state" "$file" >/dev/null
    after="$(cpu_busy)"
    read -r wall user sys rss <"$dir/time.txt"
    other="$(awk -v b="$before" -v a="$after" -v t="$TICKS" -v u="$user" -v s="$sys" 'BEGIN {o = (a - b) / t - u - s; printf "%.2f", (o < 0 ? 0 : o)}')"
    printf '  %-6s wall %7ss  peak RSS %7s KiB  other processes %5ss cpu\n' "$label" "$wall" "$rss" "$other" >&2
    TIMES="$wall $rss $other"
}

raw="$BENCH_DIR/rerun-runs.tsv"
printf 'rows\trun\tfirst_wall_s\tfirst_rss_kb\tfirst_other_cpu_s\trerun_wall_s\trerun_rss_kb\trerun_other_cpu_s\n' >"$raw"
for size in $SIZES; do
    input_for "$size"
    say "$(printf "%'d" "$size") rows: $RUNS pairs of first run + rerun"
    for run in $(seq 1 "$RUNS"); do
        dir="$BENCH_DIR/rerun-$size"
        rm -rf "$dir"; mkdir -p "$dir"
        timed first "$dir" "$INPUT"; first="$TIMES"
        cp "$dir/out/by_fiscal_year_state.csv" "$dir/first-report.csv"
        timed rerun "$dir" "$INPUT"; rerun="$TIMES"
        cmp -s "$dir/first-report.csv" "$dir/out/by_fiscal_year_state.csv" || { echo "the rerun's report differs" >&2; exit 1; }
        grep -q '"records_added" : 0' "$dir/out/manifest.json" && grep -q '"files_unchanged" : 1' "$dir/out/manifest.json" \
            || { echo "the rerun did not find the file unchanged with no record changes (see $dir/out/manifest.json)" >&2; exit 1; }
        printf '%s\t%s\t%s\t%s\n' "$size" "$run" "${first// /$'\t'}" "${rerun// /$'\t'}" >>"$raw"
    done
    rm -rf "$BENCH_DIR/rerun-$size"
done

report="$RESULTS/rerun.md"
cp "$raw" "$RESULTS/rerun-runs.tsv"
{
    echo "# First run vs nightly rerun (unchanged input)"
    echo
    echo "Sources: $sources; $(nproc) cores, $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo); \`SIZES=\"$SIZES\" RUNS=$RUNS Benchmarks/rerun.sh\`, $(date -u '+%Y-%m-%d %H:%M UTC')."
    echo
    echo "| rows | first run (median wall) | rerun (median wall) | rerun ÷ first | peak RSS first / rerun (largest) | pairs |"
    echo "|---|---|---|---|---|---|"
    awk -F'\t' 'NR > 1 {print $1, $3, $4, $6, $7}' "$raw" | sort -n -k1,1 | awk '
        function median(list, n,   i, j, t, a) { split(list, a, " "); for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
            return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2 }
        { n[$1]++; fw[$1] = fw[$1] " " $2; rw[$1] = rw[$1] " " $4; if ($3 > fr[$1]) fr[$1] = $3; if ($5 > rr[$1]) rr[$1] = $5; if (!($1 in seen)) { seen[$1] = 1; order[++k] = $1 } }
        END { for (i = 1; i <= k; i++) { s = order[i]; f = median(fw[s], n[s]); r = median(rw[s], n[s])
            printf "| %\047d | %.2f s | %.2f s | ×%.2f | %d / %d MiB | %d |\n", s, f, r, r / f, fr[s] / 1024, rr[s] / 1024, n[s] } }'
} >"$report"
cat "$report"
