#!/usr/bin/env bash
# Fails if the built site lacks any page or data file that SCHEMA.md §8 requires for the content it was built from.
# Usage: scripts/check-site-pages.sh [SITE_DIR] [OUTPUT_DIR]
set -euo pipefail
site=${1:-.}
out=${2:-$site/public}
missing=0
need() { if [ ! -f "$out/$1" ]; then echo "missing: $1" >&2; missing=$((missing + 1)); fi; }

# A site in two languages (site.yml `languages: [zh-CN, en]`, SCHEMA.md §5) has every page a second time under
# en/ (or zh/); open data, feeds, the sitemap and robots.txt are one set at the root.
prefixes=("")
# The second of `languages`, written either as `[zh-CN, en]` or as a block list (`- zh-CN` / `- en`).
second=$(awk '
  /^languages:[[:space:]]*\[/ { sub(/^[^[]*\[/, ""); sub(/\].*/, ""); n = split($0, l, ","); if (n > 1) { gsub(/[[:space:]"\047]/, "", l[2]); print l[2] }; exit }
  /^languages:[[:space:]]*(#.*)?$/ { block = 1; next }
  block && /^[[:space:]]*-/ { sub(/^[[:space:]]*-[[:space:]]*/, ""); sub(/[[:space:]]*(#.*)?$/, ""); gsub(/["\047]/, ""); if (++seen == 2) { print; exit } ; next }
  block && /^[^[:space:]#]/ { exit }
' "$site/content/site.yml" 2>/dev/null || true)
case "$second" in
  en) prefixes+=("en/") ;;
  zh-CN) prefixes+=("zh/") ;;
esac

for f in feed.xml sitemap.xml robots.txt data/requirements.json data/requirements.csv data/lists.json; do
  need "$f"
done
for p in "${prefixes[@]}"; do
  for f in index.html lists/index.html industries/index.html regions/index.html search/index.html 404.html \
           search/manifest.json; do
    need "$p$f"
  done
  for dir in "$site"/content/lists/*/; do
    id=$(basename "$dir")
    need "${p}lists/$id/index.html"
    for md in "$dir"*.md; do
      [ -e "$md" ] || continue
      slug=$(basename "$md" .md)
      [ "$slug" = _index ] && continue
      need "${p}lists/$id/$slug/index.html"
    done
  done
  # Every region and industry a requirement names has its term page.
  for id in $(grep -ho '"region":"[a-z0-9-]*"' "$out/data/requirements.json" | cut -d'"' -f4 | sort -u); do
    need "${p}regions/$id/index.html"
  done
  for id in $(grep -ho '"industries":\[[^]]*\]' "$out/data/requirements.json" | grep -o '"[a-z0-9-]*"' | tr -d '"' | grep -v industries | sort -u); do
    need "${p}industries/$id/index.html"
  done
done
if [ "$missing" -gt 0 ]; then
  echo "$missing required files are missing from $out" >&2
  exit 1
fi
echo "all required pages present in $out"
