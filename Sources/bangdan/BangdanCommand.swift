import ArgumentParser
import BangdanBuild
import BangdanCore
import BangdanLoad
import BangdanSchema
import Foundation

/// `bangdan`: argument parsing and printing only; the work is in the `Bangdan` library.
@main
struct BangdanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bangdan",
        abstract: "Publish 揭榜挂帅 challenge lists as a static site.",
        subcommands: [
            BuildCommand.self, CheckCommand.self, InitCommand.self, NewCommand.self, SchemaCommand.self,
            ServeCommand.self,
        ]
    )

    /// Exit statuses (README): 0 success, 1 content errors, 2 usage or environment problems.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let error as BangdanError {
            printError("bangdan: \(error)")
            Foundation.exit(2)
        } catch {
            let code = exitCode(for: error)
            if code == .success || code == .failure { exit(withError: error) }
            // ArgumentParser says 64 for usage errors; the contract says 2.
            printError(fullMessage(for: error))
            Foundation.exit(code == ExitCode(1) ? 1 : 2)
        }
    }
}

/// Prints lines to stderr. Each line is escaped as diagnostics are, so that a path or value given on the command
/// line or found on disk (in an error, in "wrote N files to …", in a usage message) cannot recolour the terminal
/// or forge a line; the line breaks between lines are the only ones printed.
func printError(_ text: String) {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
        DiagnosticFormat.visible(String($0))
    }
    let joined = lines.joined(separator: "\n")
    FileHandle.standardError.write(Data((joined.hasSuffix("\n") ? joined : joined + "\n").utf8))
}

/// Options every command that reads a site takes.
struct SiteOptions: ParsableArguments {
    @Option(name: .long, help: "The site folder: the one that holds content/ (and templates/).")
    var site: String = "."
}

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "Check content against the contract; never writes.")

    @OptionGroup var siteOptions: SiteOptions

    @Option(help: "Output format: text, github (CI annotations) or json.")
    var format: DiagnosticFormat = .text

    @Flag(help: "Treat warnings as errors (notices, such as deadline-passed, never are).")
    var strict = false

    func run() throws {
        let checked = try Build.check(site: siteOptions.site, buildDate: Build.buildDate(), strict: strict)
        Report.print(checked.diagnostics, language: checked.language, format: format, site: siteOptions.site)
        if checked.hasErrors { throw ExitCode(1) }
    }
}

extension DiagnosticFormat: ExpressibleByArgument {}

/// Where diagnostics go: JSON to stdout only (so it can be piped), the rest to stderr with the summary.
enum Report {
    static func print(
        _ diagnostics: [Diagnostic], language: Language, format: DiagnosticFormat, site: String,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) {
        var lines = SourceLines(site: site)
        let prefix = format == .github ? GitHubReport.repositoryPrefix(ofSite: site) : ""
        let text = format.render(diagnostics, language: language, repositoryPrefix: prefix) { lines.line($0, $1) }
        switch format {
        case .json, .github:
            FileHandle.standardOutput.write(Data(text.utf8))
            printError(DiagnosticFormat.summary(diagnostics))
        case .text:
            printError(text)
        }
        if format == .github, let summary = environment["GITHUB_STEP_SUMMARY"], !summary.isEmpty {
            GitHubReport.appendStepSummary(
                DiagnosticFormat.stepSummary(
                    diagnostics, language: language, title: "bangdan check", repositoryPrefix: prefix),
                to: summary, language: language)
        }
    }
}

struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new", abstract: "Write a requirement file with every field present or commented.")

    @Argument(help: "The list folder name, e.g. 2022-shandong-key-tech.")
    var listID: String

    @Argument(help: "The requirement's file name without .md, e.g. mine-truck.")
    var slug: String

    @OptionGroup var siteOptions: SiteOptions

    func validate() throws {
        for name in [listID, slug] where !Loader.isSlug(name) {
            throw ValidationError(
                "'\(name)': use lowercase letters, digits and single hyphens, at most 80 characters (slug-invalid)")
        }
        if slug == "_index" { throw ValidationError("'_index' is the list file itself") }
    }

    func run() throws {
        let written = try Scaffolder.write(site: siteOptions.site, listID: listID, slug: slug)
        for path in written { printError("wrote \(path)") }
    }
}

struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema", abstract: "Print the JSON Schema (draft 2020-12) of list and requirement front matter.")

    enum Output: String, ExpressibleByArgument {
        case json, markdown
    }

    @Option(help: "A site folder whose vocabularies fill in the allowed ids (optional).")
    var site: String?

    @Option(help: "json (a JSON Schema for editors) or markdown (the field tables of docs/FIELDS.md).")
    var format: Output = .json

    func run() throws {
        if format == .markdown {
            FileHandle.standardOutput.write(Data(FieldTables.markdown().utf8))
            return
        }
        var vocabularies: Vocabularies?
        if let site {
            vocabularies = Decode.decode(try Loader.load(site: site)).vocabularies
        }
        FileHandle.standardOutput.write(Data(JSONSchema.document(vocabularies: vocabularies).utf8))
    }
}
