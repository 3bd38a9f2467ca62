import ArgumentParser
import BangdanBuild
import BangdanCore
import BangdanSchema

struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build", abstract: "Check, then write the site (default output: SITE/public).")

    @OptionGroup var siteOptions: SiteOptions

    @Option(help: "The output folder (default: SITE/public).")
    var output: String?

    @Flag(help: "Treat warnings as errors (notices, such as deadline-passed, never are).")
    var strict = false

    @Option(help: "How to print diagnostics: text, github (CI annotations) or json. The same build either way.")
    var format: DiagnosticFormat = .text

    @Flag(help: "Print how long each stage took.")
    var timings = false

    @Flag(
        help:
            "Replace an existing non-empty output folder that no Bangdan build wrote (never the site, content/ or templates/)."
    )
    var force = false

    func run() throws {
        let built = try Build.build(
            site: siteOptions.site, output: output, buildDate: Build.buildDate(), strict: strict,
            force: force)
        Report.print(
            built.checked.diagnostics, language: built.checked.language, format: format, site: siteOptions.site)
        guard let written = built.filesWritten else {
            printError("bangdan build: nothing was written")
            throw ExitCode(1)
        }
        let folder = output ?? siteOptions.site + "/public"
        let total = built.filesInOutput
        if built.reused {
            printError("bangdan build: nothing changed; \(folder) is up to date (\(total) files, none written)")
        } else if written == total {
            printError("bangdan build: wrote \(total) files to \(folder)")
        } else {
            printError(
                "bangdan build: wrote \(written) of \(total) files to \(folder) (\(total - written) unchanged, kept as they were)"
            )
        }
        if timings {
            if !built.reused {
                let kept = total - built.filesMade
                printError(
                    "bangdan build: made \(built.filesMade) of \(total) files, \(kept) kept by their unchanged inputs"
                        + (built.fullBuild.map { " (a full build: \($0))" } ?? ""))
            }
            printError(built.checked.timings.report)
        }
    }
}
