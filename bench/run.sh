#!/usr/bin/env bash
# Times `bangdan build` (release) and Hugo side by side on the same generated corpus, with the C floor of issue 13
# (bench/floor/floor.c), and writes bench/RESULTS.md: each figure next to its goal.
#
# Usage: bench/run.sh [RUNS]     (default 5 runs of each tool at each size)
#   SIZES="1000 10000 100000"    the corpus sizes (requirements); the goals need 10000 and 100000
#   RUNS_LARGE=3                 runs at sizes above 10,000 (a 100k Hugo build takes minutes)
#   BENCH_DIR=/path              where corpora and outputs go (default: a tmpfs, see below)
#   BANGDAN=/path/to/bangdan     a release binary already built (default: `swift build -c release`)
#   REPORT_ONLY=1                write RESULTS.md again from the logs of the last run (in BENCH_DIR), measuring nothing
# The search figures (bytes before the first results, keystroke to results) come from bench/search.py, which
# writes its own section of RESULTS.md; this script keeps that section as it is.
#
# Where it runs: a tmpfs when one can be had (/dev/shm, else a tmpfs mounted on bench/work/tmpfs when run as
# root), else the disk under bench/work. On ext4 the kernel's scan of recently deleted inodes dominates both
# tools, so disk figures say little; RESULTS.md says which was used. Runs alternate (bangdan, hugo, bangdan, …)
# so a drift in the machine's speed touches both; every run writes into a folder never used before, removed
# after the run. Medians are reported; peak memory is the largest resident size of any run (/usr/bin/time %M).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
runs=${1:-5}
runs_large=${RUNS_LARGE:-3}
sizes=${SIZES:-1000 10000 100000}

# --- tools -------------------------------------------------------------------------------------------------------
apt_install() { # apt_install PACKAGE...: Debian/Ubuntu only; fails quietly elsewhere or offline
  command -v apt-get >/dev/null || return 1
  local sudo=""; [ "$(id -u)" -ne 0 ] && sudo=sudo
  { $sudo apt-get update -qq && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@"; } >/dev/null 2>&1
}
# REPORT_ONLY=1 bench/run.sh: write RESULTS.md again from the logs of the last run, measuring nothing.
[ -x /usr/bin/time ] || apt_install time || { echo "bench: /usr/bin/time is needed (package 'time')" >&2; exit 1; }
python3 -c "import yaml" 2>/dev/null || python3 -m pip install -q pyyaml
hugo_note=""
if ! command -v hugo >/dev/null; then
  apt_install hugo || true
fi
if command -v hugo >/dev/null; then
  hugo_version=$(hugo version | cut -d' ' -f1-2)
else
  hugo_version="not available"
  hugo_note="Hugo could not be installed on this machine (no \`hugo\` on PATH, and \`apt-get install hugo\` failed:
offline, or not a Debian system), so every Hugo figure and every goal measured against Hugo is missing below.
Install Hugo (the Debian package \`hugo\`, or a release from the Hugo project) and run the script again."
fi
make -s bench-floor
floor=bench/work/floor
if [ -z "${BANGDAN:-}" ]; then
  make -s deps
  swift build -c release -q
  BANGDAN=$(swift build -c release --show-bin-path)/bangdan
fi
bangdan=$BANGDAN

# --- where -------------------------------------------------------------------------------------------------------
# Enough room for the 100k corpus (0.8 GiB) and one output of each tool (about 2 GiB) at a time.
need_kb=$((6 * 1024 * 1024))
free_kb() { df -Pk "$1" 2>/dev/null | awk 'NR == 2 {print $4}'; }
is_tmpfs() { [ "$(stat -f -c %T "$1" 2>/dev/null)" = tmpfs ]; }
where=""
if [ -n "${BENCH_DIR:-}" ]; then
  mkdir -p "$BENCH_DIR"; work=$BENCH_DIR
  where="$(stat -f -c %T "$work") at $work (BENCH_DIR)"
elif is_tmpfs /dev/shm && [ -w /dev/shm ] && [ "$(free_kb /dev/shm)" -gt "$need_kb" ]; then
  work=/dev/shm/bangdan-bench
  mkdir -p "$work"
  where="tmpfs (/dev/shm)"
else
  mkdir -p bench/work/tmpfs
  if is_tmpfs bench/work/tmpfs || { [ "$(id -u)" -eq 0 ] && mount -t tmpfs -o size=8g bangdan-bench bench/work/tmpfs 2>/dev/null; }; then
    work=$repo/bench/work/tmpfs
    where="tmpfs (mounted on bench/work/tmpfs)"
  else
    work=$repo/bench/work
    where="disk ($(stat -f -c %T bench/work)), no tmpfs could be had: figures include the file system's costs"
  fi
fi

# --- measuring ---------------------------------------------------------------------------------------------------
median() { sort -n | awk '{a[NR]=$1} END {if (NR == 0) print "n/a"; else print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
max() { sort -n | tail -1; }
# measure LOG COMMAND...: appends "wall-seconds cpu-seconds peak-kilobytes" of one run to LOG
measure() {
  local log=$1; shift
  /usr/bin/time -f "%e %U %S %M" -o "$log.time" "$@" >/dev/null 2>"$log.err" || { echo "bench: failed: $*" >&2; cat "$log.err" >&2; exit 1; }
  awk '{printf "%s %.2f %s\n", $1, $2 + $3, $4}' "$log.time" >> "$log"
}
column() { if [ -f "$1" ]; then cut -d' ' -f"$2" "$1"; fi; }
# mean bytes of the requirement pages (lists/*/need-*/index.html) under an output folder
page_bytes() { find "$1" -path '*/need-*/index.html' -printf '%s\n' | awk '{s += $1; n++} END {printf "%.0f", n ? s / n : 0}'; }

export SOURCE_DATE_EPOCH=1767225600 # 2026-01-01, so statuses are the same in every run
declare -A R
# What was measured, and when: kept with the logs so REPORT_ONLY=1 states the run it reports.
if [ -z "${REPORT_ONLY:-}" ]; then
  {
    # RESULTS.md itself (written by an earlier run) is not a change to what is measured.
    echo "commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD -- . ':(exclude)bench/RESULTS.md' 2>/dev/null || echo ' (with uncommitted changes)')"
    echo "date=$(date -u '+%Y-%m-%d %H:%M UTC')"
  } > "$work/run-info"
fi
declare -A info
while IFS='=' read -r key value; do info[$key]=$value; done < "$work/run-info"
# Each size's figures go to $work/logs-N (runs, then `extra`: key=value), so REPORT_ONLY=1 can write RESULTS.md
# again from the last measurements without measuring anything.
for n in $sizes; do
  logs=$work/logs-$n
  if [ -z "${REPORT_ONLY:-}" ]; then
    corpus=$work/corpus-$n
    [ -f "$corpus/.complete" ] || { python3 bench/generate.py "$n" "$corpus" >/dev/null && touch "$corpus/.complete"; }
    rm -rf "$logs" && mkdir -p "$logs"
    k=$runs; [ "$n" -gt 10000 ] && k=$runs_large
    echo "runs=$k" >> "$logs/extra"
    echo "load_before=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)" >> "$logs/extra"
    for r in $(seq "$k"); do
      out=$work/out-$n-$r-$$
      measure "$logs/b" "$bangdan" build --site "$corpus/bangdan" --output "$out/b/public"
      if [ "$r" -eq 1 ]; then
        echo "bpage=$(page_bytes "$out/b/public")" >> "$logs/extra"
        echo "bfiles=$(find "$out/b/public" -name '*.html' | wc -l)" >> "$logs/extra"
      fi
      if [ "$r" -lt "$k" ]; then rm -rf "$out/b"; fi # the last one stays for the no-op rebuild
      if command -v hugo >/dev/null; then
        measure "$logs/h" hugo --quiet --source "$corpus/hugo" --destination "$out/h"
        if [ "$r" -eq 1 ]; then
          echo "hpage=$(page_bytes "$out/h")" >> "$logs/extra"
          echo "hfiles=$(find "$out/h" -name '*.html' | wc -l)" >> "$logs/extra"
        fi
        rm -rf "$out/h"
      fi
      measure "$logs/f" "$floor" "$corpus/bangdan/content"
    done
    # No-op rebuild: nothing changed since the last build into the same folder.
    for r in $(seq "$k"); do
      measure "$logs/noop" "$bangdan" build --site "$corpus/bangdan" --output "$out/b/public"
    done
    # Incremental rebuild (issue 13 item 3), at 10,000 requirements and below: after the full build above, one
    # requirement's title is edited and the site rebuilt into the same folder (`incr`), then rebuilt again with
    # nothing changed (`incrnoop`). The file is put back as it was at the end, so the corpus stays the one generated.
    if [ "$n" -le 10000 ]; then
      edited=$(find "$corpus/bangdan/content/lists" -name 'need-*.md' | LC_ALL=C sort | awk 'NR == 1')
      cp "$edited" "$logs/edited.orig"
      for r in $(seq "$k"); do
        sed -i "0,/^title: \"/s//title: \"改$r /" "$edited"
        measure "$logs/incr" "$bangdan" build --site "$corpus/bangdan" --output "$out/b/public"
        # The files whose bytes changed, in the summary line of either language: "wrote 12 of 11312 files", or
        # "共 11312 个文件，写入 12 个" (Chinese, as a Chinese site is reported), both kept as "wrote 12 of 11312".
        wrote=$(grep -m1 -oE 'wrote [0-9]+ of [0-9]+' "$logs/incr.err" ||
          grep -m1 -oE '共 [0-9]+ 个文件，写入 [0-9]+ 个' "$logs/incr.err" |
          sed -E 's/共 ([0-9]+) 个文件，写入 ([0-9]+) 个/wrote \2 of \1/' || true)
        echo "incrwrote=$wrote" >> "$logs/extra"
        measure "$logs/incrnoop" "$bangdan" build --site "$corpus/bangdan" --output "$out/b/public"
        cp "$logs/edited.orig" "$edited"
      done
      sed -i "0,/^title: \"/s//title: \"改 /" "$edited"
      "$bangdan" build --site "$corpus/bangdan" --output "$out/b/public" --timings 2>"$logs/incr-timings" >/dev/null || true
      cp "$logs/edited.orig" "$edited"
    fi
    "$bangdan" build --site "$corpus/bangdan" --output "$work/out-timings-$n-$$/public" --timings 2>"$logs/timings" >/dev/null || true
    echo "load_after=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)" >> "$logs/extra"
    rm -rf "$work"/out-*-$$
  fi
  for t in b h f noop incr incrnoop; do
    R[$t$n]=$(column "$logs/$t" 1 | median)
    R[${t}cpu$n]=$(column "$logs/$t" 2 | median)
    R[${t}mem$n]=$(column "$logs/$t" 3 | max)
  done
  if [ -f "$logs/extra" ]; then
    while IFS='=' read -r key value; do R[$key$n]=$value; done < "$logs/extra"
  fi
done

# --- RESULTS.md --------------------------------------------------------------------------------------------------
na() { [ -n "$1" ] && [ "$1" != n/a ] && echo "$1" || echo "n/a"; }
calc() { awk "BEGIN {x = $1; printf \"$2\", x}" 2>/dev/null || echo "n/a"; }
has() { for v in "$@"; do [ -n "$v" ] && [ "$v" != n/a ] || return 1; done; }
mib() { has "$1" && awk -v k="$1" 'BEGIN {printf "%.0f MiB", k / 1024}' || echo "n/a"; }
# verdict EXPRESSION VALUE: met / not met by an awk EXPRESSION, or not measured when VALUE is missing
verdict() { has "$2" || { echo "not measured"; return; }; awk "BEGIN {exit !($1)}" && echo "met" || echo "**not met**"; }
s() { has "$1" && echo "$1 s" || echo "n/a"; }

b10=${R[b10000]:-}; h10=${R[h10000]:-}; b100=${R[b100000]:-}
ratio_h="" ratio_100="" mem10="${R[bmem10000]:-}" mem100="${R[bmem100000]:-}"
has "$b10" "$h10" && ratio_h=$(calc "$b10 / $h10" "%.2f")
has "$b10" "$b100" && ratio_100=$(calc "$b100 / $b10" "%.1f")
c10=${R[bcpu10000]:-}; c100=${R[bcpu100000]:-}; cpu_ratio_100=""
has "$c10" "$c100" && cpu_ratio_100=$(calc "$c100 / $c10" "%.1f")
page_ok=""; has "${R[bpage10000]:-}" "${R[hpage10000]:-}" && page_ok="${R[bpage10000]} <= ${R[hpage10000]}"
page_has=""; [ -n "$page_ok" ] && page_has=yes
# The search section is measured by bench/search.py (a browser, not a build): kept from the last RESULTS.md.
search_section=""
[ -f bench/RESULTS.md ] && search_section=$(sed -n '/^<!-- search -->$/,/^<!-- \/search -->$/p' bench/RESULTS.md)
cpu=$(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2 | sed 's/^ //')
{
  echo "# Benchmark results"
  echo
  echo "Generated by \`bench/run.sh $runs\` (SIZES=\"$sizes\", RUNS_LARGE=$runs_large), measured ${info[date]}."
  if [ -n "${REPORT_ONLY:-}" ]; then echo "Written again (REPORT_ONLY) from the logs of the last run, in $work."; fi
  echo "Do not edit by hand; run the script again."
  echo
  echo "- Machine: $(nproc) cores (${cpu:-unknown CPU}), $(free -g 2>/dev/null | awk '/Mem:/ {print $2}') GiB memory, $(uname -sr)"
  echo "- Bangdan: ${info[commit]}, release build, $(swift --version 2>&1 | head -1)"
  echo "- Hugo: $hugo_version"
  echo "- Where: $where"
  echo "- The machine's load average is shown with the figures: on a machine shared with other work, wall times"
  echo "  (and so the ratios of wall times) move with it; CPU-seconds much less."
  echo "- Corpus: \`bench/generate.py\` (seed 20261121): N requirements in N/50 lists, 1.5–3 KB Markdown bodies,"
  echo "  1–3 industries, a region, keywords, indicators; the Hugo site gets the same pages with taxonomies"
  echo "  industry/region/status, paginated term pages (50 a page) and single pages showing the front matter."
  echo "- Method: runs alternate bangdan, hugo, C floor; median wall time and median CPU time (user + system) of the"
  echo "  runs, peak memory the largest resident size of any run (\`/usr/bin/time\`); each run writes into a new"
  echo "  folder; SOURCE_DATE_EPOCH fixed. The C floor (\`bench/floor/floor.c\`) only reads every content file,"
  echo "  parses its YAML with libyaml and renders its Markdown with cmark, on one core."
  if [ -n "$hugo_note" ]; then echo; echo "**$hugo_note**"; fi
  echo
  echo "## Goals (issue 13)"
  echo
  echo "| goal | figure | verdict |"
  echo "|---|---|---|"
  echo "| 10k full build ≤ 0.25× Hugo's time | $(s "$b10") / $(s "$h10") = $(na "${ratio_h:+×$ratio_h}") | $(verdict "${ratio_h:-n/a} <= 0.25" "$ratio_h") |"
  echo "| 100k ≤ 10.5× the 10k time | $(s "$b100") / $(s "$b10") = $(na "${ratio_100:+×$ratio_100}") | $(verdict "${ratio_100:-n/a} <= 10.5" "$ratio_100") |"
  echo "| the same in CPU-seconds (user + sys), which a busy machine disturbs less | $(s "$c100") / $(s "$c10") = $(na "${cpu_ratio_100:+×$cpu_ratio_100}") | $(verdict "${cpu_ratio_100:-n/a} <= 10.5" "$cpu_ratio_100") |"
  echo "| peak memory < 1.5 GiB at 100k | $(mib "$mem100") | $(verdict "${mem100:-n/a} < 1.5 * 1024 * 1024" "$mem100") |"
  echo "| peak memory < 300 MiB at 10k | $(mib "$mem10") | $(verdict "${mem10:-n/a} < 300 * 1024" "$mem10") |"
  echo "| a requirement page no heavier than Hugo's (mean bytes, 10k) | $(na "${R[bpage10000]:-}") B / $(na "${R[hpage10000]:-}") B | $(verdict "$page_ok" "$page_has") |"
  echo "| CPU-seconds next to the C floor (10k) | $(s "${R[bcpu10000]:-}") / $(s "${R[fcpu10000]:-}") | (no threshold) |"
  echo "| 10k: one requirement edited, rebuild ≤ 0.5 s (wall) | $(s "${R[incr10000]:-}") ($(s "${R[incrcpu10000]:-}") CPU; $(na "${R[incrwrote10000]:-}") files) | $(verdict "${R[incr10000]:-n/a} <= 0.5" "${R[incr10000]:-}") |"
  echo "| 10k: nothing changed, rebuild ≤ 0.3 s (wall) | $(s "${R[noop10000]:-}") ($(s "${R[noopcpu10000]:-}") CPU) | $(verdict "${R[noop10000]:-n/a} <= 0.3" "${R[noop10000]:-}") |"
  echo
  echo "## All figures"
  echo
  printf '| |'; for n in $sizes; do printf ' N = %s |' "$n"; done; echo
  printf '|---|'; for n in $sizes; do printf -- '---|'; done; echo
  row() { local label=$1 fmt=$2; shift 2; printf '| %s |' "$label"; for n in $sizes; do printf ' %s |' "$($fmt "${R[$1$n]:-}")"; done; echo; }
  row "runs of each" na runs
  row "load average before (1, 5, 15 min)" na load_before
  row "load average after" na load_after
  row "bangdan build, wall" s b
  row "hugo, wall" s h
  row "bangdan build, CPU (user + sys)" s bcpu
  row "hugo, CPU (user + sys)" s hcpu
  row "C floor, CPU (user + sys)" s fcpu
  row "bangdan build, nothing changed, wall" s noop
  row "bangdan build, nothing changed, CPU" s noopcpu
  row "one requirement edited, rebuild, wall" s incr
  row "one requirement edited, rebuild, CPU" s incrcpu
  row "one requirement edited, files written" na incrwrote
  row "after the edit, nothing changed, wall" s incrnoop
  row "bangdan peak memory" mib bmem
  row "hugo peak memory" mib hmem
  row "HTML pages written, bangdan" na bfiles
  row "HTML pages written, hugo" na hfiles
  row "requirement page, mean bytes, bangdan" na bpage
  row "requirement page, mean bytes, hugo" na hpage
  echo
  for n in $sizes; do
    [ -s "$work/logs-$n/timings" ] || continue
    echo "## Where the time goes (one $n-requirement build, \`bangdan build --timings\`)"
    echo
    echo '```'
    grep -E '^ *[a-z]+ +[0-9.]+ ms' "$work/logs-$n/timings" || true
    echo '```'
    echo
    [ -s "$work/logs-$n/incr-timings" ] || continue
    echo "## Where the time goes (one requirement edited at $n, the rebuild, \`bangdan build --timings\`)"
    echo
    echo '```'
    grep -E '^(bangdan build: (wrote|made)| *[a-z]+ +[0-9.]+ ms)' "$work/logs-$n/incr-timings" || true
    echo '```'
    echo
  done
  if [ -n "$search_section" ]; then
    echo "$search_section"
  else
    echo "## Search (issue 13 item 4)"
    echo
    echo "Not measured yet: run \`bench/search.py\` (headless Chromium); it writes its section here."
  fi
  echo
  cat bench/HISTORY.md
} > bench/RESULTS.md.new
mv bench/RESULTS.md.new bench/RESULTS.md
cat bench/RESULTS.md
