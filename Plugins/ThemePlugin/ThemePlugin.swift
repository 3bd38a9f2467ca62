import Foundation
import PackagePlugin

/// Compiles the default theme (the repository's top-level `templates/`: `NAME.mustache` and `assets/FILE`) into
/// the target as generated Swift (Sources/ThemeGenerator), so `bangdan` needs no resource folder beside it.
///
/// The command runs on every build. SwiftPM calls this plugin again only when a target's folder changes, not
/// when a file is added to or removed from `templates/`, so a fixed list of input files would go stale (a new
/// template left out; a removed one failing the build as a missing input). Instead the command's one input is a
/// stamp that the generator itself rewrites each time it runs, so the next build always finds it changed and runs
/// the command again. The generator reads the folder itself, takes a few milliseconds, and rewrites
/// `DefaultTheme.swift` only when the theme changed: an unchanged theme recompiles nothing, and any edit,
/// addition or removal is compiled in by the next build.
@main
struct ThemePlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let root = context.package.directoryURL.appendingPathComponent("templates")
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("DefaultTheme.swift")
        let stamp = context.pluginWorkDirectoryURL.appendingPathComponent("theme.stamp")
        if !FileManager.default.fileExists(atPath: stamp.path) {
            try Data("0\n".utf8).write(to: stamp)
        }
        return [
            .buildCommand(
                displayName: "Compiling the default theme from templates/",
                executable: try context.tool(named: "ThemeGenerator").url,
                arguments: [output.path, root.path, stamp.path],
                inputFiles: [stamp],
                outputFiles: [output]
            )
        ]
    }
}
