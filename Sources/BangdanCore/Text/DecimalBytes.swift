extension Array where Element == UInt8 {
    /// `value` in decimal, as `"\(value)"` writes it, appended: its digits counted, the array grown once, and the
    /// digits set in place from the last (through string interpolation, the numbers of the build's state were a
    /// tenth of an edit rebuild's instructions at 10,000 requirements).
    public mutating func append(decimal value: some BinaryInteger) {
        if value < 0 { append(0x2D) }
        var magnitude = UInt64(value.magnitude), count = 1, rest = magnitude / 10
        while rest > 0 {
            count += 1
            rest /= 10
        }
        append(contentsOf: repeatElement(0x30, count: count))
        withUnsafeMutableBufferPointer { buffer in
            var at = buffer.count - 1
            repeat {
                buffer[at] = UInt8(truncatingIfNeeded: 0x30 + magnitude % 10)
                magnitude /= 10
                at -= 1
            } while magnitude > 0
        }
    }
}
