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
        let checked = try Build.check(site: siteOptions.site, buildDate: Build.buildDate(), strict: strict)
        Report.print(checked.diagnostics, language: checked.language, format: .text, site: siteOptions.site)
        if checked.hasErrors { throw ExitCode(1) }
        printError("bangdan build: writing the site is not implemented yet")
        throw ExitCode(2)
    }
}
