import Mustache

/// The bridge between today's `[String: Any]` view models and the Mustache engine (`Render/Mustache`), which
/// renders `MustacheValue`s. It goes when the view models are typed: they will conform to `MustacheRenderable`.
typealias Template = MustacheTemplate

extension MustacheTemplate {
    /// Renders a `[String: Any]` view model with `library` for partials and parents. Its top-level values are
    /// converted only when a template names them: most pages carry the interface strings (`t`), which the theme
    /// has folded into its text.
    func render(_ context: [String: Any], library: [String: MustacheTemplate]) throws(NestingError) -> [UInt8] {
        try render(partials: library) { name in context[name].map(MustacheValue.init(viewModel:)) }
    }
}

extension MustacheValue {
    /// The value of a view model built from `String`, `Bool`, `Int`, `Double`, dictionaries with `String` keys and
    /// arrays of those. Anything else renders as nothing and counts as false.
    init(viewModel value: Any) {
        // Collections are matched by their exact type first: a conditional cast between collection types
        // converts element by element (`[String: Any]` as `[String: String]`), which costs more than the rendering.
        let type = type(of: value)
        if type == String.self, let text = value as? String {
            self = .string(text)
        } else if type == [String: Any].self, let fields = value as? [String: Any] {
            self = .map(fields.mapValues(MustacheValue.init(viewModel:)))
        } else if type == Bool.self, let flag = value as? Bool {
            self = .bool(flag)
        } else if type == [[String: Any]].self, let items = value as? [[String: Any]] {
            self = .list(items.map { .map($0.mapValues(MustacheValue.init(viewModel:))) })
        } else if type == [String: String].self, let fields = value as? [String: String] {
            self = .map(fields.mapValues(MustacheValue.string))
        } else if type == [[String: String]].self, let items = value as? [[String: String]] {
            self = .list(items.map { .map($0.mapValues(MustacheValue.string)) })
        } else if type == [String].self, let items = value as? [String] {
            self = .list(items.map(MustacheValue.string))
        } else if type == [Any].self, let items = value as? [Any] {
            self = .list(items.map(MustacheValue.init(viewModel:)))
        } else if let number = value as? Int {
            self = .int(number)
        } else if let number = value as? Double {
            self = .double(number)
        } else if let renderable = value as? any MustacheRenderable {
            self = renderable.mustacheValue
        } else {
            self = .null
        }
    }
}
