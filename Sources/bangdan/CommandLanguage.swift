import BangdanBuild
import BangdanCore
import Foundation

/// The language of this run's command-line texts — help, usage errors, summaries, "wrote N files" — decided once,
/// before the arguments are parsed: Chinese when the locale (`LC_ALL`, `LC_MESSAGES` or `LANG`, the first one set)
/// names Chinese, or when the site the command reads (`--site`, default the current folder) is in Chinese — its
/// site.yml declares zh-CN or no language. English otherwise: a locale that names another language and no site,
/// or an English site. Diagnostics follow the site's language as before.
enum CommandLanguage {
    static let current = resolve(
        arguments: Array(CommandLine.arguments.dropFirst()), environment: ProcessInfo.processInfo.environment)

    static func resolve(arguments: [String], environment: [String: String]) -> Language {
        if isChinese(environment) { return .zhCN }
        // `init` makes a site rather than reading one; `schema` reads one only when --site is given.
        let command = arguments.first { !$0.hasPrefix("-") }
        let site = siteArgument(arguments) ?? (["init", "schema"].contains(command) ? nil : ".")
        return site.flatMap { Build.declaredLanguage(site: $0) } ?? .en
    }

    static func isChinese(_ environment: [String: String]) -> Bool {
        let locale = ["LC_ALL", "LC_MESSAGES", "LANG"].lazy.compactMap { environment[$0] }.first { !$0.isEmpty }
        return locale?.lowercased().hasPrefix("zh") ?? false
    }

    /// The value of `--site DIR` or `--site=DIR`, the last one given (as the parser takes it).
    static func siteArgument(_ arguments: [String]) -> String? {
        var site: String?
        var index = arguments.startIndex
        while index < arguments.endIndex {
            let argument = arguments[index]
            if argument == "--" { break }
            if argument == "--site", index + 1 < arguments.endIndex {
                site = arguments[index + 1]
                index += 1
            } else if argument.hasPrefix("--site=") {
                site = String(argument.dropFirst("--site=".count))
            }
            index += 1
        }
        return site
    }

    /// A text in this run's language.
    static func pick(_ zh: String, _ en: String) -> String { current.pick(zh, en) }
}

/// ArgumentParser's own words in help and usage errors, said in Chinese when the run's language is Chinese. Our
/// words (abstracts, option help, validation messages) are written in both languages where they are declared;
/// these patterns cover what the parser adds around them. A message the table does not know stays in English.
enum ParserText {
    private static let patterns: [(pattern: String, template: String)] = [
        (#"^OVERVIEW: "#, "简介："),
        (#"^USAGE: "#, "用法："),
        (#"^ARGUMENTS:$"#, "参数："),
        (#"^OPTIONS:$"#, "选项："),
        (#"^SUBCOMMANDS:$"#, "子命令："),
        (#"Show help information\."#, "显示帮助。"),
        (#" ?\(values: ([^;)]*); default: ([^)]*)\)"#, "（可选：$1；默认：$2）"),
        (#" ?\(values: ([^)]*)\)"#, "（可选：$1）"),
        (#" ?\(default: ([^)]*)\)"#, "（默认：$1）"),
        (#"See '([^']+) help <subcommand>' for detailed help\."#, "用 '$1 help <子命令>' 查看每个命令的详细帮助。"),
        (#"^Error: "#, "错误："),
        (#"^Help: +"#, "说明："),
        (#"^Usage: "#, "用法："),
        (#"See '([^']+)' for more information\."#, "详见 '$1'。"),
        (#"Missing expected argument '([^']+)'"#, "缺少参数 $1"),
        (#"Missing value for '([^']+)'"#, "$1 后面缺少值"),
        (#"The value '([^']*)' is invalid for '([^']+)'"#, "$2 的值 '$1' 无效"),
        (#"Unknown options? '([^']+)'"#, "没有选项 $1"),
        (#"Unexpected arguments? '([^']+)'"#, "多余的参数 $1"),
        (#"Unexpected arguments? (.+)$"#, "多余的参数 $1"),
        (#"\. Did you mean '([^']+)'\?"#, "。是否应为 $1？"),
        (#"Please provide one of '([^']+)'"#, "请给出 $1 之一"),
    ]

    /// Compiled on each call: a run prints help or a usage error at most once.
    static func localized(_ text: String, _ language: Language) -> String {
        guard language == .zhCN else { return text }
        var result = text
        for (pattern, template) in patterns {
            // The patterns are the literals above; one that did not compile would only leave its English words.
            guard let expression = try? NSRegularExpression(pattern: pattern, options: [.anchorsMatchLines]) else {
                continue
            }
            let range = NSRange(result.startIndex..., in: result)
            result = expression.stringByReplacingMatches(in: result, range: range, withTemplate: template)
        }
        return result
    }
}
