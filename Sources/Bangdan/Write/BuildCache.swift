import Foundation

/// The cache folder beside the output (`.public.bangdan-cache/`): the fingerprint of everything the last build
/// read, and the manifest of what it wrote. With it, a rebuild of unchanged input writes nothing, and a rebuild
/// of changed input links every unchanged output file instead of writing it again. Losing the folder only costs
/// time: without it, everything is rendered and written.
public struct BuildCache {
    public let folder: String
    public var input: UInt64?
    public var manifest: Writer.Manifest
    /// The last build's diagnostics and language, replayed when nothing changed.
    public var diagnostics: [Diagnostic] = []
    public var language: Language = .zhCN

    static let header = "bangdan-cache 3"

    public init(output: String) {
        let output = URL(fileURLWithPath: output).standardizedFileURL.path
        folder = (output as NSString).deletingLastPathComponent + "/." + (output as NSString).lastPathComponent + ".bangdan-cache"
        input = nil
        manifest = [:]
        guard let text = try? String(contentsOfFile: folder + "/state", encoding: .utf8) else { return }
        var lines = text.split(separator: "\n")
        guard lines.first == Substring(Self.header), lines.count >= 2, lines[1].hasPrefix("input ") else { return }
        input = UInt64(lines[1].dropFirst(6), radix: 16)
        lines.removeFirst(2)
        for line in lines {
            if line.hasPrefix("language ") {
                language = Language(rawValue: String(line.dropFirst(9))) ?? .zhCN
                continue
            }
            if line.hasPrefix("diagnostic\t") {
                let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map { Self.unescape($0) }
                guard fields.count == 7, let rule = Rule(rawValue: fields[4]), let l = Int(fields[2]), let c = Int(fields[3]),
                      let severity = Severity(rawValue: fields[6])
                else { input = nil; return }  // unreadable: rebuild rather than lose a diagnostic
                // The severity is kept, not derived from the rule: `text-invalid` is a warning in a body.
                var recorded = Diagnostic(.recorded(rule, message: fields[5]), path: fields[1], at: SourcePosition(line: l, column: c))
                recorded.severity = severity
                diagnostics.append(recorded)
                continue
            }
            let parts = line.split(separator: " ", maxSplits: 2)
            guard parts.count == 3, let hash = UInt64(parts[0], radix: 16), let size = Int(parts[1]) else { continue }
            manifest[String(parts[2])] = (hash, size)
        }
    }

    /// True when the output still holds exactly what the manifest says was written (nobody deleted or edited it).
    public func outputMatches(_ output: String) -> Bool {
        guard !manifest.isEmpty else { return false }
        var info = stat()
        for (path, entry) in manifest {
            guard stat(output + "/" + path, &info) == 0, Int(info.st_size) == entry.size else { return false }
        }
        return true
    }

    public func save(input: UInt64, manifest: Writer.Manifest, diagnostics: [Diagnostic], language: Language) {
        var text = Self.header + "\ninput " + Fingerprint.hex(input) + "\nlanguage " + language.rawValue + "\n"
        for d in diagnostics {
            text += ["diagnostic", d.path, "\(d.line)", "\(d.column)", d.rule.rawValue, d.message(in: language), d.severity.rawValue]
                .map(Self.escape).joined(separator: "\t") + "\n"
        }
        for (path, entry) in manifest.sorted(by: { $0.key < $1.key }) {
            text += Fingerprint.hex(entry.hash) + " \(entry.size) " + path + "\n"
        }
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try? Data(text.utf8).write(to: URL(fileURLWithPath: folder + "/state"), options: .atomic)
    }

    private static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\t", with: "\\t")
            .replacingOccurrences(of: "\n", with: "\\n")
    }

    private static func unescape(_ text: Substring) -> String {
        var out = "", escaping = false
        for c in text {
            if escaping {
                out.append(c == "t" ? "\t" : c == "n" ? "\n" : c)
                escaping = false
            } else if c == "\\" {
                escaping = true
            } else {
                out.append(c)
            }
        }
        return out
    }

    /// Forgets the last build (before a build that fails half-way, so a stale state is never trusted).
    public func clear() {
        try? FileManager.default.removeItem(atPath: folder + "/state")
    }
}
