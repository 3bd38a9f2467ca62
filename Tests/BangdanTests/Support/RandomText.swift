/// Texts for the tests that hold a fast way to the way it replaced: `pieces` joined, a random number of them
/// (`count`), each drawn at random.
func randomText(
    of pieces: [String], count: ClosedRange<Int>, using generator: inout some RandomNumberGenerator
) -> String {
    (0..<Int.random(in: count, using: &generator)).map { _ in pieces.randomElement(using: &generator) ?? "" }
        .joined()
}
