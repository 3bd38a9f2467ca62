import ArgumentParser
import BangdanBuild
import BangdanCore
import BangdanLoad
import BangdanSchema
import Foundation

/// `bangdan`: argument parsing and printing only; the work is in the `Bangdan` library.
@main
struct BangdanCommand: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "bangdan",
            abstract: CommandLanguage.pick("把揭榜挂帅榜单发布为静态网站。", "Publish 揭榜挂帅 challenge lists as a static site."),
            subcommands: [
                BuildCommand.self, CheckCommand.self, InitCommand.self, NewCommand.self, SchemaCommand.self,
                ServeCommand.self,
            ]
        )
    }

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
            printError("bangdan: " + error.message(in: CommandLanguage.current))
            Foundation.exit(2)
        } catch {
            let code = exitCode(for: error)
            let message = ParserText.localized(fullMessage(for: error), CommandLanguage.current)
            if code == .success {
                // Help: to stdout, as ArgumentParser prints it, in the run's language.
                if !message.isEmpty { FileHandle.standardOutput.write(Data((message + "\n").utf8)) }
                Foundation.exit(0)
            }
            // ArgumentParser says 64 for usage errors; the contract says 2. ExitCode(1) is a content error, said.
            if !message.isEmpty { printError(message) }
            Foundation.exit(code == ExitCode(1) ? 1 : 2)
        }
    }
}

/// Prints lines to stderr. Each line is escaped as diagnostics are, so that a path or value given on the command
/// line or found on disk (in an error, in "wrote N files to …", in a usage message) cannot recolour the terminal
/// or forge a line; the line breaks between lines are the only ones printed.
func printError(_ text: String) {
    // Most reports (thousands of lines) need no escape: they are printed without being split and joined again.
    let joined =
        DiagnosticFormat.isVisibleAsLines(text)
        ? text
        : text.split(separator: "\n", omittingEmptySubsequences: false).map {
            DiagnosticFormat.visible(String($0))
        }.joined(separator: "\n")
    FileHandle.standardError.write(Data((joined.hasSuffix("\n") ? joined : joined + "\n").utf8))
}

/// Options every command that reads a site takes.
struct SiteOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            CommandLanguage.pick(
                "站点文件夹：包含 content/（和 templates/）的那个文件夹。",
                "The site folder: the one that holds content/ (and templates/).")))
    var site: String = "."
}

struct CheckCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "check",
            abstract: CommandLanguage.pick("按内容规范检查全部内容；不写任何文件。", "Check content against the contract; never writes."))
    }

    @OptionGroup var siteOptions: SiteOptions

    @Option(help: ArgumentHelp(CommandText.format))
    var format: DiagnosticFormat = .text

    @Flag(help: ArgumentHelp(CommandText.strict))
    var strict = false

    func run() throws {
        let checked = try Build.check(site: siteOptions.site, buildDate: Build.buildDate(), strict: strict)
        Report.print(
            checked.diagnostics, language: checked.language, format: format, site: siteOptions.site,
            shown: checked.shownLines)
        // Everything is said: the process ends here, leaving the resolved model to the kernel (as `build` does).
        Foundation.exit(checked.hasErrors ? EXIT_FAILURE : EXIT_SUCCESS)
    }
}

extension DiagnosticFormat: ExpressibleByArgument {}

/// Where diagnostics go: JSON to stdout only (so it can be piped), the rest to stderr with the summary.
enum Report {
    /// `print`'s text of the diagnostics in `format` (for `text`, the summary line too). `onEveryCore`: as
    /// `DiagnosticFormat.render` takes it.
    static func text(
        _ diagnostics: [Diagnostic], language: Language, format: DiagnosticFormat, site: String,
        shown: ShownLines = ShownLines(), onEveryCore: Bool = true
    ) -> String {
        var lines = SourceLines(site: site, known: shown)
        let prefix = format == .github ? GitHubReport.repositoryPrefix(ofSite: site) : ""
        return format.render(diagnostics, language: language, repositoryPrefix: prefix, onEveryCore: onEveryCore) {
            lines.line($0, $1)
        }
    }

    /// `text`: the one `text` gave for these diagnostics already, when there is one.
    static func print(
        _ diagnostics: [Diagnostic], language: Language, format: DiagnosticFormat, site: String,
        shown: ShownLines = ShownLines(), environment: [String: String] = ProcessInfo.processInfo.environment,
        text: String? = nil
    ) {
        let prefix = format == .github ? GitHubReport.repositoryPrefix(ofSite: site) : ""
        let text =
            text ?? Self.text(diagnostics, language: language, format: format, site: site, shown: shown)
        switch format {
        case .json, .github:
            FileHandle.standardOutput.write(Data(text.utf8))
            printError(DiagnosticFormat.summary(diagnostics, language: language))
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
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "new",
            abstract: CommandLanguage.pick(
                "新建一个需求文件，列出全部字段（可选字段已注释）。", "Write a requirement file with every field present or commented."))
    }

    @Argument(
        help: ArgumentHelp(
            CommandLanguage.pick(
                "榜单文件夹名，如 2022-shandong-key-tech。", "The list folder name, e.g. 2022-shandong-key-tech.")))
    var listID: String

    @Argument(
        help: ArgumentHelp(
            CommandLanguage.pick(
                "需求文件名（不带 .md），如 mine-truck。", "The requirement's file name without .md, e.g. mine-truck.")))
    var slug: String

    @OptionGroup var siteOptions: SiteOptions

    func validate() throws {
        for name in [listID, slug] where !Loader.isSlug(name) {
            throw ValidationError(
                CommandLanguage.pick(
                    "'\(name)'：只能用小写字母、数字和单个连字符，最多 80 个字符（slug-invalid）",
                    "'\(name)': use lowercase letters, digits and single hyphens, at most 80 characters (slug-invalid)")
            )
        }
        if slug == "_index" {
            throw ValidationError(
                CommandLanguage.pick("'_index' 是榜单文件本身，请给需求另取一个名字", "'_index' is the list file itself"))
        }
    }

    func run() throws {
        let written = try Scaffolder.write(site: siteOptions.site, listID: listID, slug: slug)
        for path in written { printError(CommandLanguage.pick("已写入 ", "wrote ") + path) }
    }
}

struct SchemaCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "schema",
            abstract: CommandLanguage.pick(
                "输出榜单和需求文件头部字段的 JSON Schema（draft 2020-12）。",
                "Print the JSON Schema (draft 2020-12) of list and requirement front matter."))
    }

    enum Output: String, ExpressibleByArgument {
        case json, markdown
    }

    @Option(
        help: ArgumentHelp(
            CommandLanguage.pick(
                "站点文件夹（可选）：用它的词表填入允许的 id。", "A site folder whose vocabularies fill in the allowed ids (optional).")))
    var site: String?

    @Option(
        help: ArgumentHelp(
            CommandLanguage.pick(
                "json（供编辑器使用的 JSON Schema）或 markdown（docs/FIELDS.md 的字段表）。",
                "json (a JSON Schema for editors) or markdown (the field tables of docs/FIELDS.md).")))
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

/// Help texts more than one command shares.
enum CommandText {
    static var format: String {
        CommandLanguage.pick(
            "诊断信息的输出格式：text、github（CI 注释）或 json。构建本身不变。",
            "How to print diagnostics: text, github (CI annotations) or json. The same build either way.")
    }

    static var strict: String {
        CommandLanguage.pick(
            "把警告当作错误（提示，如 deadline-passed，永远不会）。",
            "Treat warnings as errors (notices, such as deadline-passed, never are).")
    }
}
