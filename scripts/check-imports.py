#!/usr/bin/env python3
"""The import-direction check of `make lint` (docs/ARCHITECTURE.md).

Reads the package's targets from `swift package dump-package` and fails when
  - a Swift file imports a module its target does not declare as a dependency
    (SwiftPM would often let that build, because every module lands in one folder);
  - a target depends on a target that comes later in the pipeline;
  - a third-party library is used outside the one target that owns it.
"""
import json
import pathlib
import re
import subprocess
import sys

# The pipeline, in order: a target may depend only on targets listed before it.
PIPELINE = [
    "CBangdanSystem", "CCmark", "CYAML", "Mustache",
    "BangdanCore", "BangdanLoad", "BangdanSchema", "BangdanSite", "BangdanRender", "BangdanWrite",
    "BangdanBuild", "BangdanServe", "bangdan",
]
# Each third-party library lives in one target (tests may use anything their library target uses).
OWNERS = {"CYAML": "BangdanLoad", "CCmark": "BangdanRender", "ArgumentParser": "bangdan"}
# Modules of the toolchain, which any target may import.
SYSTEM = {"Foundation", "FoundationEssentials", "FoundationXML", "FoundationNetworking", "Dispatch", "Glibc",
          "Musl", "Darwin", "Synchronization", "Testing", "XCTest", "PackagePlugin", "os"}
IMPORT = re.compile(r"^\s*(?:@\w+(?:\([^)]*\))?\s+)*import\s+(?:(?:struct|class|enum|protocol|func|var|let|typealias)\s+)?([A-Za-z_][A-Za-z0-9_]*)", re.M)

def main() -> int:
    root = pathlib.Path(__file__).resolve().parent.parent
    package = json.loads(subprocess.run(["swift", "package", "dump-package"], cwd=root, check=True,
                                        capture_output=True, text=True).stdout)
    products = {}  # product name -> module name of third-party products
    problems = []
    targets = {t["name"]: t for t in package["targets"]}
    for target in package["targets"]:
        name = target["name"]
        declared = set()
        for dep in target["dependencies"]:
            kind, value = next(iter(dep.items()))
            declared.add(value[0])
        folder = root / (target.get("path") or ("Tests" if target["type"] == "test" else
                                                "Plugins" if target["type"] == "plugin" else "Sources") + "/" + name)
        tested = name[:-len("Tests")] if target["type"] == "test" and name.endswith("Tests") else None
        allowed = declared | SYSTEM | ({tested} if tested else set())
        if target["type"] != "test" and name in PIPELINE:
            rank = PIPELINE.index(name)
            for dep in declared:
                if dep in PIPELINE and PIPELINE.index(dep) >= rank:
                    problems.append(f"Package.swift: {name} depends on {dep}, which comes later in the pipeline")
        for dep in declared:
            owner = OWNERS.get(dep)
            if owner and owner != name and tested != owner and target["type"] != "test":
                problems.append(f"Package.swift: {name} depends on {dep}, which only {owner} may use")
        for path in sorted(folder.rglob("*.swift")) if folder.is_dir() else []:
            for match in IMPORT.finditer(path.read_text(encoding="utf-8")):
                module = match.group(1)
                if module not in allowed:
                    line = path.read_text(encoding="utf-8")[:match.start()].count("\n") + 1
                    problems.append(f"{path.relative_to(root)}:{line}: {name} imports {module}, "
                                    f"which it does not declare as a dependency")
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"{len(problems)} import-direction problem(s)", file=sys.stderr)
        return 1
    print(f"imports follow the pipeline ({len(targets)} targets)")
    return 0

if __name__ == "__main__":
    sys.exit(main())
