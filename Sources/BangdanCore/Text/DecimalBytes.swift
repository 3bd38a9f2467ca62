extension Array where Element == UInt8 {
    /// `value` in decimal, as `"\(value)"` writes it, appended (`append(decimalMagnitude:negative:)`). Inlinable, so
    /// each caller's integer type is converted where it calls: unspecialized across modules, the generic version
    /// asked the integer's protocol witnesses for its sign, width and words, some 830 instructions a number.
    @inlinable
    public mutating func append(decimal value: some BinaryInteger) {
        append(decimalMagnitude: UInt64(value.magnitude), negative: value < 0)
    }

    /// `magnitude` in decimal, after a minus sign when `negative`: its digits counted, the array grown once, and the
    /// digits set in place from the last (through string interpolation, the numbers of the build's state were a
    /// tenth of an edit rebuild's instructions at 10,000 requirements).
    public mutating func append(decimalMagnitude magnitude: UInt64, negative: Bool) {
        if negative { append(0x2D) }
        var magnitude = magnitude, count = 1, rest = magnitude / 10
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
