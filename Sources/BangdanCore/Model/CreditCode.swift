/// The 18-character 统一社会信用代码 and its GB 32100-2015 check character.
public enum CreditCode {
    static let alphabet = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")
    static let values: [Character: Int] = Dictionary(uniqueKeysWithValues: alphabet.enumerated().map { ($1, $0) })
    /// 3^i mod 31 for i = 0…16.
    static let weights: [Int] = (0..<17).reduce(into: [1]) { w, _ in w.append(w.last! * 3 % 31) }.dropLast()

    public enum Defect: Hashable, Sendable {
        case length(Int)
        case character(Character)
        case checkCharacter(expected: Character)

        func message(_ l: Language) -> String {
            switch self {
            case .length(let n): l.pick("应为 18 位，实际 \(n) 位", "it has \(n) characters, not 18")
            case .character(let c):
                l.pick("含有不允许的字符 '\(c)'（不用 I O Z S V）", "it contains '\(c)', which is not allowed (no I O Z S V)")
            case .checkCharacter(let expected):
                l.pick(
                    "校验位不符（按 GB 32100-2015 应为 \(expected)）",
                    "the check character is wrong (GB 32100-2015 gives \(expected))")
            }
        }
    }

    /// Nil when the code is valid; otherwise what is wrong with it.
    public static func defect(in code: String) -> Defect? {
        let chars = Array(code)
        guard chars.count == 18 else { return .length(chars.count) }
        if let bad = chars.first(where: { values[$0] == nil }) { return .character(bad) }
        // Safe: these are exactly 17 characters, each just found in `values`: all `checkCharacter` asks.
        let check = checkCharacter(for: String(chars[0..<17]))!
        return chars[17] == check ? nil : .checkCharacter(expected: check)
    }

    /// The check character for the first 17 characters (used by tests and the sample generator).
    public static func checkCharacter(for first17: String) -> Character? {
        let chars = Array(first17)
        guard chars.count == 17 else { return nil }
        var sum = 0
        for (i, c) in chars.enumerated() {
            guard let v = values[c] else { return nil }
            sum += v * weights[i]
        }
        return alphabet[(31 - sum % 31) % 31]
    }
}
