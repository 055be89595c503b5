import Foundation

/// A seeded, deterministic generator of sample ICE detainer exports in the raw ERO-LESA layout.
///
/// Output mimics a CSV saved from ICE's FOIA xlsx releases: a few title rows, the raw detainer
/// header (`columnNames`), then one row per detainer with CRLF line endings, RFC 4180 quoting, FOIA
/// redaction markers, exact duplicate rows and rows that reuse an earlier (Anonymized Identifier,
/// Detainer Prepare Date) key with other values. The values are synthetic: they look like real
/// records but describe nobody.
///
/// Determinism: all randomness comes from SplitMix64 seeded by `Options.seed`, and numbers and
/// dates are formatted by hand, so equal options give byte-identical output on every machine.
package struct SampleGenerator: Sendable {
    /// What to generate; every field has a default matching a small realistic sample.
    package struct Options: Sendable, Equatable {
        /// Seed of the pseudo-random sequence; other seeds give other (equally valid) files.
        package var seed: UInt64 = 20_081_027
        /// Number of detainer records after the header (duplicates included).
        package var rows: Int = 5_000
        /// Title rows above the header, like ICE's xlsx exports (DDP reads them with `skip = 6`).
        package var preambleRows: Int = 6
        /// Share of records with a line break inside a quoted field (Other Removal Reason).
        package var quotedNewlineRate: Double = 0.001
        /// Share of records that repeat an earlier record exactly.
        package var duplicateRate: Double = 0.01
        /// Share of records that reuse an earlier (Anonymized Identifier, Detainer Prepare Date) with other values.
        package var sameKeyRate: Double = 0.01

        /// Creates the default options.
        package init() {}
    }

    /// The raw ICE column names, in export order.
    package static let columnNames: [String] = [
        "Detainer Prepare Date", "Facility State", "Facility AOR", "Port of Departure", "Departure Country",
        "Departed Date", "Case Status", "Detainer Criminality", "Detainer Facility", "Detainer Facility Code",
        "Facility City", "Detainer Threat Level", "Gender", "Citizenship Country", "Birth Country", "Birth Date",
        "Birth Year", "Entry Status", "MSC Charge", "MSC Sentence Days", "MSC Sentence Months",
        "MSC Sentence Years", "MSC Charge Code", "MSC Charge Date", "MSC Conviction Date",
        "Aggravated Felon Yes No", "Processing Disposition", "Case Category", "TOA Case Category",
        "TOA Current Program", "Apprehension Method", "Final Order Yes No", "Final Order Date",
        "Apprehension Date", "Entry Date", "Prior Felony Yes No", "Multiple Prior MISD Yes No",
        "Violent Misdemeanor Yes No", "Illegal Entry Yes No", "Illegal Reentry Yes No",
        "Immigration Fraud Yes No", "Significant Risk Yes No", "Other Removal Reason Yes No",
        "Other Removal Reason", "Criminal Street Gang Yes No", "Aggravated Felony Yes No",
        "Deportation Ordered Yes No", "Order to Show Cause Served Yes No", "Order to Show Cause Served Date",
        "Biometric Match Yes No", "Statements Made Yes No", "Unlawful Attempt Yes No", "Unlawful Entry Yes No",
        "Visa Yes No", "Federal Register Notice Yes No", "Resume Custody Yes No", "Detainer Lift Reason",
        "Detainer Lift Reason Code", "Active Investigation Yes No", "Arrest Warrant Served Date", "Detainer Type",
        "Notify Release Request Yes No", "TOD Current Duty Site", "EID DTA ID", "Anonymized Identifier",
    ]

    /// Title rows written above the header; rows beyond these are blank lines.
    static let titleRows = [
        "Detainers FY2009 - FY2020", "Source: ICE ERO-LESA Statistical Tracking Unit", "Run date: 2026-03-11",
    ]

    /// Bytes gathered before each call to the sink.
    static let chunkSize = 1 << 20
    /// How many recent records duplicates and reused keys are drawn from; bounds memory.
    static let memorySize = 1_000

    /// The options this generator was created with.
    package let options: Options
    private let vocabulary: SampleVocabulary

    /// Creates a generator; building the value tables is the only up-front work.
    package init(options: Options) {
        self.options = options
        vocabulary = SampleVocabulary()
    }

    /// Streams the CSV to `sink` in chunks of roughly 1 MiB; memory does not grow with `rows`.
    ///
    /// Each chunk ends on a record boundary. The buffer passed to `sink` is only valid during the call.
    package func generate(into sink: (UnsafeRawBufferPointer) throws -> Void) rethrows {
        var out = [UInt8]()
        out.reserveCapacity(Self.chunkSize + 64 * 1_024)
        for row in 0..<max(options.preambleRows, 0) {
            if row < Self.titleRows.count { out.append(contentsOf: SampleVocabulary.csvField(Self.titleRows[row])) }
            out.append(contentsOf: [0x0D, 0x0A])
        }
        out.append(contentsOf: Array(Self.columnNames.joined(separator: ",").utf8))
        out.append(contentsOf: [0x0D, 0x0A])

        var composer = SampleRecordComposer(vocabulary: vocabulary, seed: options.seed)
        // A second stream decides which records are repeats, so record content stays independent of it.
        var decider = SplitMix64(seed: options.seed ^ 0xD1B5_4A32_D192_ED03)
        let duplicateBelow = SplitMix64.threshold(forRate: options.duplicateRate)
        let sameKeyBelow = SplitMix64.threshold(
            forRate: min(1, max(0, options.duplicateRate) + max(0, options.sameKeyRate)))
        let lineBreakBelow = SplitMix64.threshold(forRate: options.quotedNewlineRate)
        var recentRecords = [[UInt8]](repeating: [], count: Self.memorySize)
        var recentKeys = [SampleRecordComposer.RecordKey](
            repeating: .init(identifier: nil, prepareDay: nil), count: Self.memorySize)
        var remembered = 0
        var nextSlot = 0

        for _ in 0..<max(options.rows, 0) {
            let start = out.count
            let draw = decider.next()
            let key: SampleRecordComposer.RecordKey
            if remembered > 0, draw < duplicateBelow {
                let slot = decider.below(remembered)
                out.append(contentsOf: recentRecords[slot])
                key = recentKeys[slot]
            } else {
                let reused = remembered > 0 && draw < sameKeyBelow ? reusableKey(recentKeys, remembered, &decider) : nil
                let lineBreak = decider.chance(threshold: lineBreakBelow)
                key = composer.appendRecord(to: &out, reusing: reused, lineBreakInReason: lineBreak)
            }
            recentRecords[nextSlot].removeAll(keepingCapacity: true)
            recentRecords[nextSlot].append(contentsOf: out[start...])
            recentKeys[nextSlot] = key
            nextSlot = nextSlot + 1 == Self.memorySize ? 0 : nextSlot + 1
            remembered = min(remembered + 1, Self.memorySize)
            if out.count >= Self.chunkSize {
                try out.withUnsafeBytes { try sink($0) }
                out.removeAll(keepingCapacity: true)
            }
        }
        if !out.isEmpty { try out.withUnsafeBytes { try sink($0) } }
    }

    /// Convenience: writes to a file path (creates/truncates).
    package func write(toPath path: String) throws {
        guard let file = fopen(path, "wb") else {
            throw SampleGeneratorError.cannotCreate(path: path, reason: Self.describeErrno())
        }
        var isOpen = true
        defer { if isOpen { fclose(file) } }
        try generate { chunk in
            guard let base = chunk.baseAddress, !chunk.isEmpty else { return }
            if fwrite(base, 1, chunk.count, file) != chunk.count {
                throw SampleGeneratorError.cannotWrite(path: path, reason: Self.describeErrno())
            }
        }
        isOpen = false
        if fclose(file) != 0 { throw SampleGeneratorError.cannotWrite(path: path, reason: Self.describeErrno()) }
    }

    /// Picks a remembered key that has both an identifier and a prepare date, or nil after a few tries.
    private func reusableKey(
        _ keys: [SampleRecordComposer.RecordKey], _ remembered: Int,
        _ decider: inout SplitMix64
    ) -> SampleRecordComposer.RecordKey? {
        for _ in 0..<8 {
            let key = keys[decider.below(remembered)]
            if key.identifier != nil, key.prepareDay != nil { return key }
        }
        return nil
    }

    private static func describeErrno() -> String {
        String(cString: strerror(errno))
    }
}

/// Why `SampleGenerator.write(toPath:)` could not produce its file.
package enum SampleGeneratorError: Error, Equatable, CustomStringConvertible {
    /// The file could not be created or truncated (missing folder, no permission).
    case cannotCreate(path: String, reason: String)
    /// Writing or closing failed part-way (disk full, I/O error); the file is incomplete.
    case cannotWrite(path: String, reason: String)

    package var description: String {
        switch self {
        case .cannotCreate(let path, let reason):
            return "cannot create '\(path)': \(reason); check that the folder exists and is writable"
        case .cannotWrite(let path, let reason):
            return "cannot write '\(path)': \(reason); the file is incomplete, free space and retry"
        }
    }
}

/// The CSV field separator.
let fieldSeparator: UInt8 = 0x2C
private let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

/// Byte-level CSV writing: no `String` is built per field, and nothing depends on locale.
extension Array where Element == UInt8 {
    /// Appends an already-encoded field and its separator.
    @inline(__always)
    mutating func appendField(_ field: [UInt8]) {
        append(contentsOf: field)
        append(fieldSeparator)
    }

    /// Appends a non-negative integer in decimal, without locale.
    mutating func appendInt(_ value: Int) {
        let value = Swift.max(value, 0)
        var divisor = 1
        while divisor <= value / 10 { divisor *= 10 }
        repeat {
            append(0x30 + UInt8(value / divisor % 10))
            divisor /= 10
        } while divisor > 0
    }

    /// Appends `YYYY-MM-DD` for a day count, or nothing for nil (a blank cell).
    mutating func appendDate(_ days: Int?) {
        guard let days else { return }
        let (year, month, day) = SampleRecordComposer.civil(days)
        append(0x30 + UInt8(year / 1000 % 10))
        append(0x30 + UInt8(year / 100 % 10))
        append(0x30 + UInt8(year / 10 % 10))
        append(0x30 + UInt8(year % 10))
        append(0x2D)
        append(0x30 + UInt8(month / 10))
        append(0x30 + UInt8(month % 10))
        append(0x2D)
        append(0x30 + UInt8(day / 10))
        append(0x30 + UInt8(day % 10))
    }

    /// Appends a 160-bit identifier as 40 lowercase hex digits.
    mutating func appendHex(_ identifier: (UInt64, UInt64, UInt32)) {
        appendHexDigits(identifier.0, count: 16)
        appendHexDigits(identifier.1, count: 16)
        appendHexDigits(UInt64(identifier.2), count: 8)
    }

    private mutating func appendHexDigits(_ word: UInt64, count: Int) {
        for position in stride(from: count - 1, through: 0, by: -1) {
            append(hexDigits[Int(truncatingIfNeeded: (word >> UInt64(position * 4)) & 0xF)])
        }
    }
}
