/// The checksums of a PNG file (RFC 2083) that `QRCode.png()` writes: the chunks' CRC-32 and zlib's Adler-32.
enum PNG {
    /// CRC-32 as PNG and zlib define it: reflected polynomial 0xEDB88320, all ones in and out.
    static func crc32(_ data: UnsafeBufferPointer<UInt8>) -> UInt32 {
        crcTable.withUnsafeBufferPointer { table in
            var crc: UInt32 = 0xFFFF_FFFF
            for byte in data { crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ crc >> 8 }
            return ~crc
        }
    }

    /// The CRC of each byte value, made once.
    static let crcTable: [UInt32] = (0..<256).map { n in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 == 1 ? 0xEDB8_8320 ^ c >> 1 : c >> 1 }
        return c
    }

    /// zlib's Adler-32 (RFC 1950): two sums modulo 65521, the second in the high half, reduced every 5,552 bytes
    /// as zlib does (the sums cannot overflow) rather than at every byte: a QR code's bytes take no division.
    static func adler32(_ data: UnsafeBufferPointer<UInt8>) -> UInt32 {
        var a: UInt64 = 1, b: UInt64 = 0
        var start = 0
        while start < data.count {
            let end = min(start + 5552, data.count)
            for byte in data[start..<end] {
                a += UInt64(byte)
                b += a
            }
            a %= 65521
            b %= 65521
            start = end
        }
        return UInt32(b << 16 | a)
    }
}
