import Foundation
import PackagePlugin

/// Compiles a folder of the repository into the target as generated Swift (Sources/EmbedGenerator), so `bangdan`
/// needs no resource folder beside it: the default theme (`templates/`: `NAME.mustache` and `assets/FILE`) into
/// BangdanLoad, the site `bangdan init` writes (`starter/`) into BangdanSchema.
///
/// The command runs on every build. SwiftPM calls this plugin again only when a target's folder changes, not
/// when a file is added to or removed from the embedded folder, so a fixed list of input files would go stale (a
/// new template left out; a removed one failing the build as a missing input). Instead the command's one input is
/// a stamp that the generator itself rewrites each time it runs, so the next build always finds it changed and
/// runs the command again. The generator reads the folder itself, takes a few milliseconds, and rewrites its
/// output only when the folder changed: an unchanged folder recompiles nothing, and any edit, addition or removal
/// is compiled in by the next build.
@main
struct EmbedPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let (mode, folder, file) =
            target.name == "BangdanSchema"
            ? ("starter", "starter", "StarterSite.swift") : ("theme", "templates", "DefaultTheme.swift")
        let root = context.package.directoryURL.appendingPathComponent(folder)
        let output = context.pluginWorkDirectoryURL.appendingPathComponent(file)
        let stamp = context.pluginWorkDirectoryURL.appendingPathComponent("\(mode).stamp")
        if !FileManager.default.fileExists(atPath: stamp.path) {
            try Data("0\n".utf8).write(to: stamp)
        }
        return [
            .buildCommand(
                displayName: "Compiling \(folder)/ into \(target.name)",
                executable: try context.tool(named: "EmbedGenerator").url,
                arguments: [mode, output.path, root.path, stamp.path],
                inputFiles: [stamp],
                outputFiles: [output]
            )
        ]
    }
}
