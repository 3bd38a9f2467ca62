import Mustache

/// The page for an address that does not exist (`not-found.mustache`). It says nothing of its own: its heading and
/// links come from the page frame and the interface strings.
struct NotFoundPage: MustacheObject {
    func mustacheValue(forKey key: String) -> MustacheValue? { nil }
}
