import BangdanCore
import Foundation

/// What `check --format github` needs from its surroundings on a GitHub runner (SCHEMA.md §7): the site's place
/// in its git work tree, and the step summary file.
enum GitHubReport {
    /// The site folder's path inside the git work tree that holds it, with a trailing `/` (`site/`); empty when
    /// the site is the work tree's root or in none. The work tree's root is the nearest folder at or above the
    /// site that holds a `.git` entry: a folder, or a file (a linked worktree or a submodule). Only whether that
    /// entry exists is asked; nothing of it is read, and no `git` runs.
    static func repositoryPrefix(ofSite site: String) -> String {
        let resolved = URL(fileURLWithPath: site).standardizedFileURL.resolvingSymlinksInPath().path
        var folders = resolved.split(separator: "/").map(String.init)
        var inside: [String] = []
        while true {
            if hasGitEntry("/" + folders.joined(separator: "/")) {
                return inside.isEmpty ? "" : inside.reversed().joined(separator: "/") + "/"
            }
            guard let last = folders.popLast() else { return "" }
            inside.append(last)
        }
    }

    private static func hasGitEntry(_ folder: String) -> Bool {
        var info = stat()
        guard lstat((folder == "/" ? "" : folder) + "/.git", &info) == 0 else { return false }
        let type = info.st_mode & S_IFMT
        return type == S_IFDIR || type == S_IFREG
    }

    /// Appends `text` to the step summary file: opened for appending (created if missing, never truncated), so
    /// what earlier steps or commands wrote there stays. A failure is said on stderr and changes nothing else:
    /// the summary repeats what the annotations and the log already hold, and the exit status answers only
    /// whether the content passes, so a runner's unwritable summary neither fails a clean check nor passes a
    /// bad one.
    static func appendStepSummary(_ text: String, to path: String, language: Language) {
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        var failure: Int32 = fd < 0 ? errno : 0
        if fd >= 0 {
            var bytes = Array(text.utf8)[...]
            while !bytes.isEmpty {
                let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    break
                }
                bytes = bytes.dropFirst(n)
            }
            if close(fd) != 0, failure == 0 { failure = errno }
        }
        guard failure != 0 else { return }
        let reason = String(cString: strerror(failure))
        // The path comes from the environment: its control characters are shown, not sent to the terminal.
        let shown = path.unicodeScalars.map {
            $0.properties.generalCategory == .control ? $0.escaped(asASCII: true) : String($0)
        }
        .joined()
        printError(
            language.pick(
                "bangdan: 无法写入 GITHUB_STEP_SUMMARY（\(shown)）：\(reason)；诊断已全部在上面列出，退出状态不受影响",
                "bangdan: cannot write GITHUB_STEP_SUMMARY (\(shown)): \(reason); every diagnostic is listed above, and the exit status is unchanged"
            ))
    }
}
