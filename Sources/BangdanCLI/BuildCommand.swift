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

    func run() throws {
        let built = try Build.build(site: siteOptions.site, output: output, buildDate: Build.buildDate(), strict: strict)
        Report.print(built.checked.diagnostics, language: built.checked.language, format: .text, site: siteOptions.site)
        guard let count = built.filesWritten else {
            printError("bangdan build: nothing was written")
            throw ExitCode(1)
        }
        printError("bangdan build: wrote \(count) files to \(output ?? siteOptions.site + "/public")")
    }
}
