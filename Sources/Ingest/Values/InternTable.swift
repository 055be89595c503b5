import AuditCore
import HashTables

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reuses the `String` of a cell value seen before in the same column, so small vocabularies (states,
/// offices, offenses, flags) cost a hash and a compare per cell instead of an allocation.
///
/// Keyed by a 64-bit hash of the bytes, taken 8 at a time (`NumberTable`); a hit is confirmed by
/// comparing the bytes with a copy kept beside the strings, so a collision only costs a fresh
/// string. At most `limit` values are kept per column: an identifier column fills it once and then
/// simply stops being interned. (A `Dictionary` here, with its per-byte hashing and the compare
/// through `String.utf8`, was ~10% of a run's CPU time.)
struct InternTable {
    /// Hash → entry number (`NumberTable`).
    private var table = NumberTable()
    private var strings: [String] = []
    /// The kept values' bytes one after the other; entry `i` ends at `ends[i]`.
    private var stored: [UInt8] = []
    private var ends: [Int] = []
    private let limit: Int

    init(limit: Int = 4096) { self.limit = limit }

    /// The string for `bytes`, which must already be valid UTF-8 if `make` is to be skipped.
    mutating func string(for bytes: ArraySlice<UInt8>, make: () -> String) -> String {
        let hash = Self.hash(bytes)
        if let known = find(bytes, hash: hash) { return known }
        let made = make()
        if strings.count < limit { insert(made, bytes: bytes, hash: hash) }
        return made
    }

    /// Whether `bytes` are already known (and so known to be valid).
    func contains(_ bytes: ArraySlice<UInt8>) -> String? {
        strings.isEmpty ? nil : find(bytes, hash: Self.hash(bytes))
    }

    private func find(_ bytes: ArraySlice<UInt8>, hash: UInt64) -> String? {
        table.find(hash) { equal($0, bytes) }.map { strings[$0] }
    }

    private func equal(_ entry: Int, _ bytes: ArraySlice<UInt8>) -> Bool {
        let start = entry == 0 ? 0 : ends[entry - 1]
        guard ends[entry] - start == bytes.count else { return false }
        return stored.withUnsafeBufferPointer { kept in
            bytes.withUnsafeBufferPointer { given in
                given.isEmpty || memcmp(kept.baseAddress! + start, given.baseAddress!, given.count) == 0
            }
        }
    }

    private mutating func insert(_ string: String, bytes: ArraySlice<UInt8>, hash: UInt64) {
        table.insert(hash, number: strings.count)
        strings.append(string)
        stored.append(contentsOf: bytes)
        ends.append(stored.count)
    }

    static func hash(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        bytes.withUnsafeBytes { ByteHash.hash($0) }
    }
}
