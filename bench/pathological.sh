#!/usr/bin/env bash
# Times `bangdan check` and `bangdan build` on sites whose one requirement is as hostile as the contract allows:
# a 1 MiB file whose body is one character repeated (`[`, `*`, `` ` ``, `<`, `&`, and a few mixtures), and front
# matter that nests, repeats keys or fills a line with control characters. Every per-file stage is meant to be
# linear in the file's size, so each run should take about as long as a clean 1 MiB file, well under a second.
#
# Usage: bench/pathological.sh [KIND ...]     (default: every kind; see `kinds` below)
# Set BENCH_TIMER to a command that times the command after it (default: /usr/bin/time, else bash's `time`).
# Set BANGDAN to a built binary to skip `swift build -c release`. Not run by the tests.
set -euo pipefail
cd "$(dirname "$0")/.."
work=bench/work/pathological
mkdir -p "$work"

if [ -z "${BANGDAN:-}" ]; then
  swift build -c release -q
  BANGDAN=.build/release/bangdan
fi

limit=$((1 << 20))   # the contract's limit for a .md file
kinds=(brackets stars backticks angles ampersands links emphasis yaml-nesting yaml-keys yaml-controls)

# repeat TEXT BYTES: as many whole copies of (ASCII) TEXT as fit in BYTES bytes
repeat() { python3 -c 'import sys; t, n = sys.argv[1], int(sys.argv[2]); sys.stdout.write(t * (n // len(t)))' "$1" "$2"; }

# site KIND: writes a site whose requirement `big.md` is pathological in the way KIND says
site() {
  local kind=$1 dir=$work/$1
  rm -rf "$dir"
  mkdir -p "$dir/content/lists/2024-bench"
  printf 'title: 压力测试\nbase_url: https://example.org/\n' > "$dir/content/site.yml"
  printf 'materials:\n  name: 新材料\n' > "$dir/content/industries.yml"
  printf 'shandong:\n  name: 山东省\n' > "$dir/content/regions.yml"
  printf 'key-technology:\n  name: 关键技术类\n' > "$dir/content/categories.yml"
  printf -- '---\ntitle: 榜单\npublisher: 工业和信息化厅\nregion: shandong\npublished: 2024-01-01\ncategory: key-technology\n---\n介绍。\n' \
    > "$dir/content/lists/2024-bench/_index.md"
  local head=$'---\ntitle: 压力测试需求\nindustry: materials\nissuer:\n  name: 测试企业\n'
  local file=$dir/content/lists/2024-bench/big.md
  local rest=$((limit - ${#head} * 3 - 16))   # leave room: ${#head} counts characters, not bytes
  case $kind in
    brackets)   { printf '%s---\n' "$head"; repeat '[' "$rest"; } > "$file" ;;
    stars)      { printf '%s---\n' "$head"; repeat '*' "$rest"; } > "$file" ;;
    backticks)  { printf '%s---\n' "$head"; repeat '`' "$rest"; } > "$file" ;;
    angles)     { printf '%s---\n' "$head"; repeat '<' "$rest"; } > "$file" ;;
    ampersands) { printf '%s---\n' "$head"; repeat '&' "$rest"; } > "$file" ;;
    links)      { printf '%s---\n' "$head"; repeat '[a](' "$rest"; } > "$file" ;;
    emphasis)   { printf '%s---\n' "$head"; repeat '*a_`' "$rest"; } > "$file" ;;
    yaml-nesting)  { printf '%skeywords: ' "$head"; repeat '[' "$rest"; printf '\n---\n'; } > "$file" ;;
    yaml-keys)     { printf '%sextra: {a: 1, ' "$head"; repeat 'b: 1, ' "$rest"; printf 'a: 2}\n---\n'; } > "$file" ;;
    yaml-controls) { printf '%sfunding: ' "$head"; repeat $'\x01' "$rest"; printf '\n---\n'; } > "$file" ;;
    *) echo "unknown kind: $kind (one of: ${kinds[*]})" >&2; exit 2 ;;
  esac
}

# timed COMMAND...: runs it once under the timer; content errors (exit 1) are expected for some kinds
timed() {
  if [ -n "${BENCH_TIMER:-}" ]; then
    # shellcheck disable=SC2086
    $BENCH_TIMER "$@" >/dev/null 2>&1 || true
  elif [ -x /usr/bin/time ]; then
    /usr/bin/time -f "    %e s wall, %M KiB peak" "$@" >/dev/null 2>"$work/stderr" || true
    tail -1 "$work/stderr"
  else
    time ("$@" >/dev/null 2>&1 || true)
  fi
}

for kind in "${@:-${kinds[@]}}"; do
  site "$kind"
  echo "$kind ($(wc -c < "$work/$kind/content/lists/2024-bench/big.md") bytes)"
  echo "  check:"
  timed "$BANGDAN" check --site "$work/$kind"
  echo "  build:"
  timed "$BANGDAN" build --site "$work/$kind" --output "$work/$kind-out-$$/public"
  rm -rf "$work/$kind-out-$$"
done
