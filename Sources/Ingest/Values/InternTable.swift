import AuditCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reuses the `String` of a cell value seen before in the same column, so small vocabularies (states,
/// offices, offenses, flags) cost a hash and a compare per cell instead of an allocation.
///
/// Open addressing keyed by a 64-bit hash of the bytes, taken 8 at a time; a hit is confirmed by
/// comparing the bytes with a copy kept beside the strings, so a collision only costs a fresh
/// string. At most `limit` values are kept per column: an identifier column fills it once and then
/// simply stops being interned. (A `Dictionary` here, with its per-byte hashing and the compare
/// through `String.utf8`, was ~10% of a run's CPU time.)
struct InternTable {
    /// Slot → entry number + 1 (0: empty); a power of two, at most half full.
    private var slots: [Int32] = []
    private var slotHashes: [UInt64] = []
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
        guard !slots.isEmpty else { return nil }
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = Int(slots[slot])
            if entry == 0 { return nil }
            if slotHashes[slot] == hash && equal(entry - 1, bytes) { return strings[entry - 1] }
            slot = (slot + 1) & mask
        }
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
        if (strings.count + 1) * 2 > slots.count { grow() }
        strings.append(string)
        stored.append(contentsOf: bytes)
        ends.append(stored.count)
        place(entry: strings.count - 1, hash: hash)
    }

    private mutating func place(entry: Int, hash: UInt64) {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = Int32(entry + 1)
        slotHashes[slot] = hash
    }

    private mutating func grow() {
        let size = max(64, slots.count * 2)
        let old = (slots, slotHashes)
        slots = [Int32](repeating: 0, count: size)
        slotHashes = [UInt64](repeating: 0, count: size)
        for (slot, entry) in old.0.enumerated() where entry != 0 { place(entry: Int(entry) - 1, hash: old.1[slot]) }
    }

    static func hash(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        bytes.withUnsafeBytes { ByteHash.hash($0) }
    }
}
