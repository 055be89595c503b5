/// A fast 64-bit hash of short byte strings, 8 bytes at a time, for the per-record lookup tables
/// (interned cell values, counting cells). Not for anything stored or compared across runs: equality
/// is always confirmed by comparing the values themselves.
package enum ByteHash {
    package static func hash(_ raw: UnsafeRawBufferPointer, seed: UInt64 = 0x9E37_79B9_7F4A_7C15) -> UInt64 {
        var hash = seed ^ UInt64(raw.count)
        var offset = 0
        while offset + 8 <= raw.count {
            hash = (hash ^ raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) &* 0xff51_afd7_ed55_8ccd
            hash ^= hash >> 32
            offset += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while offset < raw.count {
            tail |= UInt64(raw[offset]) << shift
            shift += 8
            offset += 1
        }
        return mix(hash, tail)
    }

    /// `hash` with `word` folded in.
    @inline(__always)
    package static func mix(_ hash: UInt64, _ word: UInt64) -> UInt64 {
        let mixed = (hash ^ word) &* 0xc4ce_b9fe_1a85_ec53
        return mixed ^ (mixed >> 29)
    }

    /// The hash of a string's UTF-8 bytes (small strings are hashed from a copy on the stack).
    package static func hash(_ string: String, seed: UInt64 = 0x9E37_79B9_7F4A_7C15) -> UInt64 {
        var string = string
        return string.withUTF8 { hash(UnsafeRawBufferPointer($0), seed: seed) }
    }
}
