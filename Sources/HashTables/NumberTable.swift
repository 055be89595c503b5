/// Open addressing from a 64-bit hash to the numbers 0, 1, 2, … of values the caller keeps in arrays
/// of its own: slot → number + 1 (0: empty) beside the number's hash, linear probing; the caller says
/// whether a number holds the value sought, so nothing is copied or retained per probe (a `Dictionary`
/// keyed by the values copied the stored key on every lookup). Allocated at the first insert; doubles
/// at half full. Serves the per-column intern tables and the per-thread counting cells.
package struct NumberTable: Sendable {
    @usableFromInline var slots: [Int32] = []
    @usableFromInline var slotHashes: [UInt64] = []
    @usableFromInline var count = 0

    package init() {}

    /// The number stored under `hash` for which `matches` holds, if any.
    @inlinable
    package func find(_ hash: UInt64, where matches: (Int) -> Bool) -> Int? {
        guard !slots.isEmpty else { return nil }
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] != 0 {
            let number = Int(slots[slot] - 1)
            if slotHashes[slot] == hash && matches(number) { return number }
            slot = (slot + 1) & mask
        }
        return nil
    }

    /// Stores `number` (not stored yet) under `hash`.
    @inlinable
    package mutating func insert(_ hash: UInt64, number: Int) {
        if (count + 1) * 2 > slots.count { grow() }
        place(hash, Int32(number + 1))
        count += 1
    }

    @usableFromInline
    mutating func grow() {
        let old = (slots, slotHashes)
        slots = [Int32](repeating: 0, count: max(64, old.0.count * 2))
        slotHashes = [UInt64](repeating: 0, count: slots.count)
        for (slot, entry) in old.0.enumerated() where entry != 0 { place(old.1[slot], entry) }
    }

    @inlinable
    mutating func place(_ hash: UInt64, _ entry: Int32) {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = entry
        slotHashes[slot] = hash
    }
}
