/// A hash map from 128-bit fingerprints to packed 64-bit values, for the duplicate maps.
///
/// Fingerprints are already well-mixed hashes, so their low bits pick the slot directly (open
/// addressing, linear probing) — no `Hasher` round per lookup, which is where a `Dictionary` keyed by
/// them spent its time. A value of 0 marks an empty slot, so values must be non-zero. One slot is
/// 24 bytes (key and value side by side: one cache line per probe); the table doubles at 70% load.
struct FingerprintTable: Sendable {
    private struct Slot {
        var high: UInt64 = 0
        var low: UInt64 = 0
        var value: UInt64 = 0
    }

    private var slots: [Slot]
    private var mask: Int
    private(set) var count = 0

    init(capacity: Int = 1 << 12) {
        var size = 16
        while size < capacity { size <<= 1 }
        slots = Array(repeating: Slot(), count: size)
        mask = size - 1
    }

    /// The value stored for `key`, or stores `value` (non-zero) and returns nil.
    mutating func insertIfAbsent(_ key: RowFingerprint, value: UInt64) -> UInt64? {
        precondition(value != 0, "0 marks an empty slot")
        let mask = mask
        let found: UInt64? = slots.withUnsafeMutableBufferPointer { slots in
            var index = Int(truncatingIfNeeded: key.low) & mask
            while slots[index].value != 0 {
                if slots[index].high == key.high && slots[index].low == key.low { return slots[index].value }
                index = (index + 1) & mask
            }
            slots[index] = Slot(high: key.high, low: key.low, value: value)
            return nil
        }
        if found != nil { return found }
        count += 1
        if count * 10 >= slots.count * 7 { grow() }
        return nil
    }

    private mutating func grow() {
        let old = slots
        slots = Array(repeating: Slot(), count: old.count * 2)
        mask = slots.count - 1
        for slot in old where slot.value != 0 {
            var index = Int(truncatingIfNeeded: slot.low) & mask
            while slots[index].value != 0 { index = (index + 1) & mask }
            slots[index] = slot
        }
    }
}
