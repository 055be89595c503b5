/// A SplitMix64 pseudo-random generator whose output depends only on its seed.
///
/// Sample files must be byte-identical on every run and machine, so the generator never touches
/// `SystemRandomNumberGenerator` and never uses floating point on the hot path. The algorithm and
/// constants are Steele, Lea and Flood's SplitMix64 (OOPSLA 2014), as used to seed xoshiro.
struct SplitMix64: Sendable {
    private var state: UInt64

    /// Creates a generator; equal seeds give equal sequences.
    init(seed: UInt64) {
        state = seed
    }

    /// Returns the next 64 uniformly distributed bits.
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }

    /// Returns an integer in `0..<bound` by Lemire's multiply-high reduction (bias below 2⁻⁵⁰ here).
    mutating func below(_ bound: Int) -> Int {
        guard bound > 1 else { return 0 }
        return Int(truncatingIfNeeded: next().multipliedFullWidth(by: UInt64(bound)).high)
    }

    /// Returns an integer in the closed range `lower...upper`.
    mutating func between(_ lower: Int, _ upper: Int) -> Int {
        upper <= lower ? lower : lower + below(upper - lower + 1)
    }

    /// Returns true with probability `perMillion` / 1,000,000.
    mutating func chance(perMillion: Int) -> Bool {
        below(1_000_000) < perMillion
    }

    /// Returns true with probability `threshold` / 2⁶⁴ (see `threshold(forRate:)`).
    mutating func chance(threshold: UInt64) -> Bool {
        next() < threshold
    }

    /// Converts a probability in 0...1 into a 64-bit threshold, once, outside the hot loop.
    ///
    /// The conversion is a single IEEE multiplication, so it gives the same bits on every machine.
    static func threshold(forRate rate: Double) -> UInt64 {
        guard rate.isFinite, rate > 0 else { return 0 }
        guard rate < 1 else { return UInt64.max }
        return UInt64(rate * 18_446_744_073_709_551_616.0)
    }
}

/// A weighted choice among `count` outcomes in constant time (Walker's alias method).
///
/// Built with integer arithmetic only, so the table—and therefore every pick—is identical on
/// every platform. Each pick consumes exactly one 64-bit draw: the high half chooses a column,
/// the low half decides between the column and its alias.
struct WeightedIndex: Sendable {
    private let acceptBelow: [UInt32]
    private let alias: [Int32]

    /// The number of outcomes.
    var count: Int { alias.count }

    /// Builds the table from non-negative weights; all-zero weights fall back to uniform.
    init(weights: [UInt64]) {
        let count = max(weights.count, 1)
        let total = weights.reduce(0, +)
        let scaledWeights = total == 0 ? [UInt64](repeating: 1, count: count) : weights
        let scaledTotal = total == 0 ? UInt64(count) : total
        // Column i holds mass scaled[i]; a full column holds exactly `scaledTotal`.
        var scaled = scaledWeights.map { $0 * UInt64(count) }
        var accept = [UInt32](repeating: UInt32.max, count: count)
        var alias = (0..<count).map { Int32($0) }
        var small = [Int]()
        var large = [Int]()
        for index in 0..<count {
            if scaled[index] < scaledTotal { small.append(index) } else { large.append(index) }
        }
        while let lowIndex = small.popLast(), let highIndex = large.last {
            let fraction = (scaled[lowIndex] << 32) / scaledTotal
            accept[lowIndex] = UInt32(truncatingIfNeeded: min(fraction, UInt64(UInt32.max)))
            alias[lowIndex] = Int32(highIndex)
            scaled[highIndex] -= scaledTotal - scaled[lowIndex]
            if scaled[highIndex] < scaledTotal {
                large.removeLast()
                small.append(highIndex)
            }
        }
        acceptBelow = accept
        self.alias = alias
    }

    /// Draws one outcome index.
    @inline(__always)
    func pick(_ rng: inout SplitMix64) -> Int {
        let bits = rng.next()
        let column = Int(truncatingIfNeeded: (bits >> 32).multipliedFullWidth(by: UInt64(alias.count)).low >> 32)
        return UInt32(truncatingIfNeeded: bits) < acceptBelow[column] ? column : Int(alias[column])
    }
}
