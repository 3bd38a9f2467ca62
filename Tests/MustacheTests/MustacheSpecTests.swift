import Foundation
import Testing

@testable import Mustache

/// The official Mustache specification's tests (Fixtures/mustache-spec), one case each: the template rendered
/// with the test's data and partials must give exactly the expected text.
@Suite struct MustacheSpecTests {
    /// The modules the engine must pass, with how many tests each holds (so a file that fails to load, or loses
    /// tests, fails here rather than passing with fewer cases).
    static let modules = [
        "comments": 12, "delimiters": 14, "interpolation": 42, "inverted": 22, "partials": 12,
        "sections": 34, "~inheritance": 27,
    ]

    @Test(arguments: SpecCase.all)
    func rendersAsTheSpecExpects(_ spec: SpecCase) throws {
        var partials: [String: MustacheTemplate] = [:]
        for (name, text) in spec.partials { partials[name] = try MustacheTemplate(text) }
        let output = try MustacheTemplate(spec.template).render(spec.data, partials: partials)
        #expect(String(decoding: output, as: UTF8.self) == spec.expected, "\(spec.description)")
    }

    @Test func loadsEveryTestOfEveryModule() {
        var counts: [String: Int] = [:]
        for spec in SpecCase.all { counts[spec.file, default: 0] += 1 }
        #expect(counts == Self.modules)
    }
}

/// One test of the specification.
struct SpecCase: Sendable, CustomTestStringConvertible {
    var file: String
    var name: String
    var description: String
    var data: MustacheValue
    var template: String
    var partials: [String: String]
    var expected: String

    var testDescription: String { "\(file): \(name)" }

    static let all: [SpecCase] = load()

    /// Every test of the modules in `MustacheSpecTests.modules`; a file that cannot be read or decoded becomes a
    /// case that fails with the reason.
    static func load() -> [SpecCase] {
        var cases: [SpecCase] = []
        for file in MustacheSpecTests.modules.keys.sorted() {
            do {
                guard let folder = Bundle.module.url(forResource: "Fixtures", withExtension: nil) else {
                    throw CocoaError(.fileNoSuchFile)
                }
                let url = folder.appendingPathComponent("mustache-spec/\(file).json")
                let spec = try JSONDecoder().decode(SpecFile.self, from: Data(contentsOf: url))
                cases += spec.tests.map {
                    SpecCase(
                        file: file, name: $0.name, description: $0.desc, data: $0.data.value, template: $0.template,
                        partials: $0.partials ?? [:], expected: $0.expected)
                }
            } catch {
                cases.append(
                    SpecCase(
                        file: file, name: "cannot be loaded", description: "\(error)", data: .null,
                        template: "", partials: [:], expected: "\(file).json loaded: \(error)"))
            }
        }
        return cases
    }
}

private struct SpecFile: Decodable {
    struct Test: Decodable {
        var name: String
        var desc: String
        var data: JSONValue
        var template: String
        var partials: [String: String]?
        var expected: String
    }

    var tests: [Test]
}

/// A JSON value as the engine's data model: integers stay integers, other numbers are doubles.
private struct JSONValue: Decodable {
    var value: MustacheValue

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            value = .null
        } else if let flag = try? container.decode(Bool.self) {
            value = .bool(flag)
        } else if let number = try? container.decode(Int.self) {
            value = .int(number)
        } else if let number = try? container.decode(Double.self) {
            value = .double(number)
        } else if let text = try? container.decode(String.self) {
            value = .string(text)
        } else if let items = try? container.decode([JSONValue].self) {
            value = .list(items.map(\.value))
        } else {
            value = .map(try container.decode([String: JSONValue].self).mapValues(\.value))
        }
    }
}
