import BangdanCore
import BangdanLoad

/// SCHEMA.md §4 `contact`: an email that looks like an address. (A phone is read by `Phone`, in the model.)
enum ContactCheck {
    static func isEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[0].count <= 64 else { return false }
        let domain = parts[1]
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, labels.allSatisfy({ !$0.isEmpty }) else { return false }
        return !text.unicodeScalars.contains { $0.isUnicodeWhiteSpace || $0 == "<" || $0 == ">" || $0 == "," }
    }
}
