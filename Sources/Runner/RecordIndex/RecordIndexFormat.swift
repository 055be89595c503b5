#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The record index of one input file (`records.tsv` in its cache entry), for the record-level change
/// report: two header lines, then one line per counted record with a complete duplicate key —
/// its row fingerprint, a tab and the key's text — sorted by key.
///
/// The key's text is escaped so that a line is one record whatever the key holds: `\` → `\\`,
/// LF → `\n`, CR → `\r` (tabs need no escape: the first tab ends the fingerprint). Keys are ordered
/// as Swift orders the key strings (what the change report's order always was): byte order for
/// ASCII keys, Unicode canonical order otherwise. Equal keys keep the order they were added in.
enum RecordIndexFormat {
    /// Fingerprints of another scheme (an older version of the tool) must not be compared with these,
    /// or every record would look revised.
    static let scheme = "# detention-audit record index, row fingerprint v4 (XXH3-128, quoted spaces kept)"
    /// The second line of an index sorted by key with escaped keys. An index without it (written
    /// unsorted by an earlier version) is sorted before it is compared.
    static let sortedMarker = "# sorted by key; key text escaped (\\\\, \\n, \\r)"

    /// Appends `fingerprint`, a tab, the escaped key and LF.
    static func appendLine(fingerprint: UnsafeRawBufferPointer, key: UnsafeRawBufferPointer, to line: inout [UInt8]) {
        line.append(contentsOf: fingerprint)
        line.append(9)
        for byte in key {
            switch byte {
            case 92:
                line.append(92)
                line.append(92)
            case 10:
                line.append(92)
                line.append(UInt8(ascii: "n"))
            case 13:
                line.append(92)
                line.append(UInt8(ascii: "r"))
            default: line.append(byte)
            }
        }
        line.append(10)
    }

    /// The fingerprint's text as the index has always written it: two lower-case hexadecimal words.
    static func appendFingerprint(high: UInt64, low: UInt64, to bytes: inout [UInt8]) {
        appendHex(high, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        appendHex(low, to: &bytes)
    }

    private static func appendHex(_ value: UInt64, to bytes: inout [UInt8]) {
        let digits = Array("0123456789abcdef".utf8)
        var shift = max(0, (63 - value.leadingZeroBitCount) / 4 * 4)
        while shift >= 0 {
            bytes.append(digits[Int((value >> UInt64(shift)) & 15)])
            shift -= 4
        }
    }

    /// Splits a data line at its first tab into the fingerprint and the key, unescaping the key into
    /// `scratch` when it holds a backslash (and `escaped`); nil when the line has no tab.
    static func split(
        _ line: UnsafeRawBufferPointer, escaped: Bool, scratch: inout [UInt8]
    ) -> (fingerprint: UnsafeRawBufferPointer, key: UnsafeRawBufferPointer, keyIsUnescaped: Bool)? {
        guard let tab = line.firstIndex(of: 9) else { return nil }
        let fingerprint = UnsafeRawBufferPointer(rebasing: line[..<tab])
        let key = UnsafeRawBufferPointer(rebasing: line[(tab + 1)...])
        guard escaped, key.contains(92) else { return (fingerprint, key, false) }
        scratch.removeAll(keepingCapacity: true)
        var iterator = key.makeIterator()
        while let byte = iterator.next() {
            guard byte == 92, let next = iterator.next() else {
                scratch.append(byte)
                continue
            }
            switch next {
            case UInt8(ascii: "n"): scratch.append(10)
            case UInt8(ascii: "r"): scratch.append(13)
            default: scratch.append(next)
            }
        }
        return (fingerprint, key, true)
    }

    /// Whether every byte is ASCII (then byte order is Swift's string order).
    static func isASCII(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var index = 0
        let count = bytes.count
        while index + 8 <= count {
            if bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { return false }
            index += 8
        }
        while index < count {
            if bytes[index] >= 0x80 { return false }
            index += 1
        }
        return true
    }

    /// The keys' order, as Swift's `String` comparison orders their text: negative, zero (the same
    /// key) or positive. ASCII keys compare by bytes; others as strings (canonical equivalence).
    static func compare(_ a: UnsafeRawBufferPointer, asciiA: Bool, _ b: UnsafeRawBufferPointer, asciiB: Bool) -> Int {
        if asciiA && asciiB {
            let common = min(a.count, b.count)
            let order = common == 0 ? 0 : memcmp(a.baseAddress!, b.baseAddress!, common)
            if order != 0 { return order < 0 ? -1 : 1 }
            return a.count == b.count ? 0 : (a.count < b.count ? -1 : 1)
        }
        let left = String(decoding: a, as: UTF8.self)
        let right = String(decoding: b, as: UTF8.self)
        return left == right ? 0 : (left < right ? -1 : 1)
    }
}
