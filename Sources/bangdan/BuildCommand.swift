import ArgumentParser
import BangdanBuild
import BangdanCore
import BangdanSchema
import Foundation
import Synchronization

struct BuildCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "build",
            abstract: CommandLanguage.pick(
                "先检查，再写出网站（默认输出到 SITE/public）。", "Check, then write the site (default output: SITE/public)."))
    }

    @OptionGroup var siteOptions: SiteOptions

    @Option(
        help: ArgumentHelp(CommandLanguage.pick("输出文件夹（默认：SITE/public）。", "The output folder (default: SITE/public).")))
    var output: String?

    @Flag(help: ArgumentHelp(CommandText.strict))
    var strict = false

    @Option(help: ArgumentHelp(CommandText.format))
    var format: DiagnosticFormat = .text

    @Flag(help: ArgumentHelp(CommandLanguage.pick("输出每个阶段用了多长时间。", "Print how long each stage took.")))
    var timings = false

    @Flag(
        help: ArgumentHelp(
            CommandLanguage.pick(
                "替换一个不是 Bangdan 构建写出的非空输出文件夹（站点、content/ 和 templates/ 永远不会被替换）。",
                "Replace an existing non-empty output folder that no Bangdan build wrote (never the site, content/ or templates/)."
            ))
    )
    var force = false

    func run() throws {
        // The report is written beside the build's rendering and writing, once the checks have ended (`IdleWork`):
        // thousands of notices, a daily build's, are some 25 ms of one core the build leaves idle.
        let (site, format) = (siteOptions.site, format)
        let early = Mutex<(diagnostics: [Diagnostic], text: IdleWork<String>)?>(nil)
        let built = try Build.build(
            site: site, output: output, buildDate: Build.buildDate(), strict: strict, force: force
        ) { checked in
            let text = IdleWork {
                Report.text(
                    checked.diagnostics, language: checked.language, format: format, site: site,
                    shown: checked.shownLines, onEveryCore: false)
            }
            early.withLock { $0 = (checked.diagnostics, text) }
        }
        // Used only for the very diagnostics the build ended with (an output conflict adds to them).
        let text = early.withLock { $0 }.flatMap { early in
            let text = early.text.value()
            return early.diagnostics == built.checked.diagnostics ? text : nil
        }
        Report.print(
            built.checked.diagnostics, language: built.checked.language, format: format, site: site,
            shown: built.checked.shownLines, text: text)
        let language = CommandLanguage.current
        guard let written = built.filesWritten else {
            printError(language.pick("bangdan build：没有写入任何文件", "bangdan build: nothing was written"))
            Foundation.exit(EXIT_FAILURE)
        }
        let folder = output ?? siteOptions.site + "/public"
        let total = built.filesInOutput
        if built.reused {
            printError(
                language.pick(
                    "bangdan build：没有变化；\(folder) 已是最新（\(total) 个文件，未写入）",
                    "bangdan build: nothing changed; \(folder) is up to date (\(total) files, none written)"))
        } else if written == total {
            printError(
                language.pick(
                    "bangdan build：已写入 \(total) 个文件到 \(folder)", "bangdan build: wrote \(total) files to \(folder)"))
        } else {
            printError(
                language.pick(
                    "bangdan build：\(folder) 共 \(total) 个文件，写入 \(written) 个（\(total - written) 个未变，保持原样）",
                    "bangdan build: wrote \(written) of \(total) files to \(folder) (\(total - written) unchanged, kept as they were)"
                ))
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
        // Everything is written and said: the process ends here, leaving the build's memory (`built.memory`, the
        // resolved requirements) to the kernel instead of freeing it object by object on the way out. (Standard
        // output is flushed by `exit`; standard error is written unbuffered.)
        Foundation.exit(EXIT_SUCCESS)
    }
}
