// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Bangdan",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "bangdan", targets: ["BangdanCLI"]),
        .library(name: "Bangdan", targets: ["Bangdan"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"]), .brew(["cmark"])]
        ),
        .target(name: "CBangdanSystem"),
        .target(
            name: "Bangdan",
            dependencies: [
                "CCmark",
                "CBangdanSystem",
                .product(name: "Yams", package: "Yams"),
            ],
            plugins: ["ThemePlugin"]
        ),
        // The default theme (top-level templates/) is compiled into the Bangdan target by this plugin and tool.
        .executableTarget(name: "ThemeGenerator"),
        .plugin(name: "ThemePlugin", capability: .buildTool(), dependencies: ["ThemeGenerator"]),
        .executableTarget(
            name: "BangdanCLI",
            dependencies: [
                "Bangdan",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "BangdanTests",
            dependencies: ["Bangdan"],
            resources: [.copy("Fixtures")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
