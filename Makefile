# Two commands for a fresh machine: `make site` and `make test`.
SWIFT ?= swift
SITE ?= .
CONFIG ?= debug
PREFIX ?= /usr/local

.PHONY: deps build release install test site check browser-test browser-check screenshots docs clean bench bench-deps bench-floor

# libcmark and libyaml are system libraries (DESIGN.md); install them only when pkg-config cannot find one.
deps:
	@if ! pkg-config --exists libcmark yaml-0.1 2>/dev/null; then \
	  if [ "$$(uname)" = Darwin ]; then brew install cmark libyaml pkg-config; \
	  else \
	    SUDO=""; [ "$$(id -u)" -ne 0 ] && SUDO=sudo; \
	    $$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libcmark-dev libyaml-dev pkg-config; \
	  fi; \
	fi

build: deps
	$(SWIFT) build -c $(CONFIG)

release: deps
	$(SWIFT) build -c release

# The binary carries its default theme (templates/), so it is the only file installed: PREFIX/bin/bangdan.
install: release
	install -d "$(DESTDIR)$(PREFIX)/bin"
	install -m 755 "$$($(SWIFT) build -c release --show-bin-path)/bangdan" "$(DESTDIR)$(PREFIX)/bin/bangdan"

test: deps
	$(SWIFT) test

site: deps
	$(SWIFT) run -c $(CONFIG) bangdan build --site $(SITE)

check: deps
	$(SWIFT) run -c $(CONFIG) bangdan check --site $(SITE)

# The sample site in a real browser: search behaviour, axe-core 4.x, overflow and focus, Nu HTML Checker
# (tests/browser).
browser-test: deps
	tests/browser/run.sh

# The reader's checks (links, axe-core 4.x at 360 and 1280 px, no sideways scrolling, Nu HTML Checker) on any site:
# make browser-check SITE=path/to/site
browser-check: deps
	tests/browser/check-site.sh "$(SITE)"

# Full-height PNGs of every page kind at 360 and 1280 px, each language, into .build/screenshots/ (git-ignored).
screenshots: deps
	tests/browser/screenshots.sh

# The field tables of docs/FIELDS.md, generated from the schema declaration.
docs: deps
	$(SWIFT) run -q bangdan schema --format markdown > docs/FIELDS.md

# The benchmark (bench/run.sh): Bangdan against Hugo, with the C floor of bench/floor. Not part of `make test`.
bench: deps
	bench/run.sh

# The C floor program needs only what `deps` installs (libcmark and libyaml).
bench-deps: deps

bench-floor: bench/work/floor

bench/work/floor: bench/floor/floor.c | bench-deps
	@mkdir -p bench/work
	$${CC:-cc} -O2 -Wall -Wextra -o $@ bench/floor/floor.c $$(pkg-config --cflags --libs yaml-0.1 libcmark)

# Formatting (swift format, bundled with the toolchain, with .swift-format) and the import direction of the
# pipeline (scripts/check-imports.py). CI runs it.
lint:
	$(SWIFT) format lint --strict --recursive Package.swift Sources Tests Plugins
	python3 scripts/check-imports.py
	python3 -c 'import sys, yaml; [yaml.safe_load(open(f)) for f in sys.argv[1:]]' .github/workflows/*.yml starter/.github/workflows/*.yml starter/.gitlab-ci.yml

format:
	$(SWIFT) format format --in-place --recursive Package.swift Sources Tests Plugins

# The golden pages of Tests/BangdanTests/Fixtures/golden/expected, rewritten from the current code: review the diff.
golden: deps
	BANGDAN_UPDATE_GOLDEN=1 $(SWIFT) test --filter GoldenPageTests

clean:
	rm -rf .build
