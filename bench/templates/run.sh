#!/usr/bin/env bash
# Times the template engine alone, per page, at two revisions: the default theme rendered with view models shaped
# like PageBuilder's (bench/templates/main.swift), built with `swiftc -O` against each revision's engine sources.
# Usage: bench/templates/run.sh [BASE_REV] [ROUNDS]
#   BASE_REV: the revision to compare the working tree with (default 09d8b47, the last one with the engine that
#   predates the Mustache spec work); ROUNDS: how many times each page kind is timed, the best counting (default 7).
# Nothing is added to Package.swift; the binaries and sources are built in bench/work/templates.
set -euo pipefail
cd "$(dirname "$0")/../.."
base=${1:-09d8b47}
rounds=${2:-7}
work=bench/work/templates
rm -rf "$work" && mkdir -p "$work/base" "$work/head"

# The engine at BASE: one file, which used HTML.swift and Bangdan's `trimmingWhitespace`.
git show "$base:Sources/Bangdan/Render/Template.swift" > "$work/base/Template.swift"
if git cat-file -e "$base:Sources/Bangdan/Render/Mustache" 2>/dev/null; then
  for f in $(git ls-tree --name-only "$base" Sources/Bangdan/Render/Mustache/); do git show "$base:$f" > "$work/base/$(basename "$f")"; done
else
  git show "$base:Sources/Bangdan/Render/HTML.swift" > "$work/base/HTML.swift"
  cat > "$work/base/Shim.swift" <<'SWIFT'
extension StringProtocol {
    var trimmingWhitespace: String { String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed()) }
}
SWIFT
fi
cp Sources/Bangdan/Render/Template.swift Sources/Bangdan/Render/Mustache/*.swift "$work/head/"

cp bench/templates/main.swift "$work/main.swift"
for side in base head; do
  (cd "$work/$side" && swiftc -O -wmo -enable-bare-slash-regex -module-name TemplateBench ../main.swift ./*.swift -o bench)
done
for side in base head; do
  echo "== $side ($( [ $side = base ] && echo "$base" || echo "working tree"))"
  "$work/$side/bench" Sources/Bangdan/Render/Theme/templates "$rounds"
done
