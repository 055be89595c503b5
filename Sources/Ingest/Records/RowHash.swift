import CXXHash

/// A row's identity: XXH3-128 (xxHash 0.8, Debian's libxxhash) of its fields' bytes, seeded with
/// XXH3-64 of the fields' end offsets, so `a,bc` and `ab,c` differ. The only file that sees xxHash.
///
/// Two rows are taken as the same when their 128-bit fingerprints are equal. For n distinct rows the
/// chance that any two collide is at most n² / 2¹²⁹ (birthday bound for a 128-bit hash with XXH3's
/// near-uniform output): below 10⁻²² for 10⁸ rows, far below the rate of undetected disk errors.
enum RowHash {
    static func fingerprint(bytes: UnsafeRawBufferPointer, ends: UnsafeRawBufferPointer) -> RowFingerprint {
        let seed = XXH3_64bits(ends.baseAddress, ends.count)
        let hash = XXH3_128bits_withSeed(bytes.baseAddress, bytes.count, seed)
        return RowFingerprint(high: hash.high64, low: hash.low64)
    }
}
