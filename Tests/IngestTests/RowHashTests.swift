import Foundation
import Testing

@testable import Ingest

/// Row fingerprints are XXH3-128; the expected values were computed independently with the Python
/// `xxhash` package 3.x (`xxhash.xxh3_128(data, seed=xxhash.xxh3_64_intdigest(ends))`), not with
/// the code under test.
struct RowHashTests {
    static func fingerprint(_ fields: [String]) -> RowFingerprint {
        var bytes: [UInt8] = []
        var ends: [Int] = []
        for field in fields {
            bytes += Array(field.utf8)
            ends.append(bytes.count)
        }
        return bytes.withUnsafeBytes { b in ends.withUnsafeBytes { e in RowHash.fingerprint(bytes: b, ends: e) } }
    }

    @Test func fieldBoundariesAreHashed() {
        #expect(Self.fingerprint(["a", "bc"]) != Self.fingerprint(["ab", "c"]))
        #expect(Self.fingerprint(["a", "bc"]) == Self.fingerprint(["a", "bc"]))
        #expect(Self.fingerprint(["", "x"]) != Self.fingerprint(["x", ""]))
    }

    @Test func valuesMatchTheReferenceImplementation() {
        // Python: ends = struct.pack("<qq", 1, 3); h = xxh3_128_intdigest(b"abc", seed=xxh3_64_intdigest(ends))
        let got = Self.fingerprint(["a", "bc"])
        #expect(got.high == 0x8871_eec3_15e3_c81b, "\(String(got.high, radix: 16))")
        #expect(got.low == 0xa5b5_a1ed_30ab_3ae6, "\(String(got.low, radix: 16))")
    }
}
