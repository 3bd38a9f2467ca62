import ArgumentParser
import Bangdan

struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build", abstract: "Check, then write the site (default output: SITE/public).")

    @OptionGroup var siteOptions: SiteOptions

    @Option(help: "The output folder (default: SITE/public).")
    var output: String?

    @Flag(help: "Treat warnings as errors.")
    var strict = false

    @Flag(help: "Print how long each stage took.")
    var timings = false

    func run() throws {
        let built = try Build.build(site: siteOptions.site, output: output, buildDate: Build.buildDate(), strict: strict)
        Report.print(built.checked.diagnostics, language: built.checked.language, format: .text, site: siteOptions.site)
        guard let count = built.filesWritten else {
            printError("bangdan build: nothing was written")
            throw ExitCode(1)
        }
        let folder = output ?? siteOptions.site + "/public"
        printError(built.reused ? "bangdan build: nothing changed; \(folder) is up to date (\(count) files)"
                                : "bangdan build: wrote \(count) files to \(folder)")
        if timings { printError(built.checked.timings.report) }
    }
}
