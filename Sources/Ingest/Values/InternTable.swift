/// Reuses the `String` of a cell value seen before in the same column, so small vocabularies (states,
/// offices, offenses, flags) cost a hash and a compare per cell instead of an allocation.
///
/// Keyed by a 64-bit hash of the bytes; a hit is confirmed by comparing the bytes, so a collision
/// only costs a fresh string. At most `limit` values are kept per column: an identifier column fills
/// it once and then simply stops being interned.
struct InternTable {
    private var strings: [UInt64: String] = [:]
    private let limit: Int

    init(limit: Int = 4096) { self.limit = limit }

    /// The string for `bytes`, which must already be valid UTF-8 if `make` is to be skipped.
    mutating func string(for bytes: ArraySlice<UInt8>, make: () -> String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        if let known = strings[hash], Self.equal(known, bytes) { return known }
        let made = make()
        if strings.count < limit { strings[hash] = made }
        return made
    }

    /// Whether `bytes` are already known (and so known to be valid).
    func contains(_ bytes: ArraySlice<UInt8>) -> String? {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        if let known = strings[hash], Self.equal(known, bytes) { return known }
        return nil
    }

    /// Byte equality over contiguous storage (the generic `elementsEqual` was a hot spot).
    private static func equal(_ string: String, _ bytes: ArraySlice<UInt8>) -> Bool {
        guard string.utf8.count == bytes.count else { return false }
        let fast = string.utf8.withContiguousStorageIfAvailable { stored in
            bytes.withUnsafeBufferPointer { given in
                for index in 0..<given.count where stored[index] != given[index] { return false }
                return true
            }
        }
        return fast ?? string.utf8.elementsEqual(bytes)
    }
}
