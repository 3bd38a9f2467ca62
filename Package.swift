// swift-tools-version:6.0
import PackageDescription

// The targets follow the pipeline of docs/ARCHITECTURE.md; each depends only on targets above it, and each
// third-party library lives in one target (`make lint` checks both).
let package = Package(
    name: "Bangdan",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "bangdan", targets: ["bangdan"]),
        .library(name: "Mustache", targets: ["Mustache"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2")
    ],
    targets: [
        // C: libcmark and libyaml (system libraries), and what Swift does not wrap: a few system calls and the arena
        // libcmark allocates from.
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"]), .brew(["cmark"])]
        ),
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]
        ),
        .target(name: "CBangdanSystem"),

        // The template engine: spec-conformant Mustache, knows nothing of Bangdan.
        .target(name: "Mustache"),

        // Domain values and diagnostics, and the one reader of regular files (`RegularFile`); no third-party code.
        .target(name: "BangdanCore", dependencies: ["CBangdanSystem"]),
        // load: files → SourceFile (front matter as YAML nodes with positions); the only user of libyaml.
        .target(
            name: "BangdanLoad",
            dependencies: ["BangdanCore", "CYAML"],
            plugins: ["EmbedPlugin"]
        ),
        // decode: the one field declaration → typed values and diagnostics, JSON Schema, FIELDS.md, scaffold.
        .target(name: "BangdanSchema", dependencies: ["BangdanCore", "BangdanLoad"], plugins: ["EmbedPlugin"]),
        // resolve and site: defaults, cross-file rules, effective status, statistics, taxonomy, routes.
        .target(name: "BangdanSite", dependencies: ["BangdanCore", "BangdanSchema"]),
        // render: view models → bytes; the only user of libcmark.
        .target(
            name: "BangdanRender",
            dependencies: [
                "BangdanCore", "BangdanLoad", "BangdanSchema", "BangdanSite", "Mustache", "CCmark", "CBangdanSystem",
            ]),
        // write: staging, atomic swap, cache, lock.
        .target(name: "BangdanWrite", dependencies: ["BangdanCore", "CBangdanSystem"]),
        // The pipeline: runs the stages in order for `check` and `build`.
        .target(
            name: "BangdanBuild",
            dependencies: [
                "BangdanCore", "BangdanLoad", "BangdanSchema", "BangdanSite", "BangdanRender", "BangdanWrite",
            ]
        ),
        // The preview server (127.0.0.1 only): the only target that opens sockets.
        .target(name: "BangdanServe", dependencies: ["BangdanCore", "BangdanBuild"]),
        // The executable: argument parsing and printing only.
        .executableTarget(
            name: "bangdan",
            dependencies: [
                "BangdanCore", "BangdanLoad", "BangdanSchema", "BangdanWrite", "BangdanBuild", "BangdanServe",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // The default theme (templates/) is compiled into BangdanLoad, and the site `bangdan init` writes
        // (starter/) into BangdanSchema, by this plugin and tool.
        .executableTarget(name: "EmbedGenerator"),
        .plugin(name: "EmbedPlugin", capability: .buildTool(), dependencies: ["EmbedGenerator"]),

        .testTarget(name: "MustacheTests", dependencies: ["Mustache"], resources: [.copy("Fixtures")]),
        .testTarget(
            name: "BangdanTests",
            dependencies: [
                "BangdanCore", "BangdanLoad", "BangdanSchema", "BangdanSite", "BangdanRender", "BangdanWrite",
                "BangdanBuild", "BangdanServe", "Mustache", "CBangdanSystem", "CCmark",
            ],
            resources: [.copy("Fixtures")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
