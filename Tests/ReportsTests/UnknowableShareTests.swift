import AuditCore
import Testing

@testable import Reports

/// Unknown is never shown as zero (issue 13 item 5): a share whose numerator the source cannot
/// give is replaced by the reason, in the cell every format writes.
@Suite struct UnknowableShareTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var counts: [CountColumn: Int]
        var offenseAvailable: Bool
        var criminality: String?
        var offense: String?
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        // Pennsylvania 2007–2015: neither criminality nor offense columns.
        Case(
            name: "no criminality and no offense data", counts: [.records: 50, .criminalityUnknown: 50],
            offenseAvailable: false,
            criminality: "not available: criminality unknown for every record",
            offense: "not available: criminality unknown for every record"),
        // A pre-aggregated table with criminality but no MSC (sc-statistics-counts).
        Case(
            name: "criminality without offense data", counts: [.records: 50, .convicted: 20, .noCriminalRecord: 30],
            offenseAvailable: false,
            criminality: nil, offense: "not available in this source: no offense data"),
        Case(
            name: "no offense data but no conviction either: minor traffic is known to be 0",
            counts: [.records: 30, .noCriminalRecord: 30],
            offenseAvailable: false, criminality: nil, offense: nil),
        Case(
            name: "some criminality unknown: the shares stay (over all records)",
            counts: [.records: 50, .convicted: 20, .criminalityUnknown: 30],
            offenseAvailable: true, criminality: nil, offense: nil),
    ]

    @Test(arguments: cases)
    func reasons(_ testCase: Case) {
        var counts = CountVector()
        for (column, value) in testCase.counts { counts.add([column], weight: value) }
        let publisher = Publisher(
            k: 10, victimWitnessAvailable: false, possibleVictimComputed: false, strayThreshold: 0.25,
            offenseAvailable: testCase.offenseAvailable)
        let reasons = publisher.unknowableReasons(counts)
        #expect(reasons.criminality == testCase.criminality)
        #expect(reasons.offense == testCase.offense)
    }
}

/// The method notes say per input where criminality came from (issue 13: not a generic sentence).
@Suite struct CriminalitySourceNoteTests {
    static func input(_ path: String, _ columns: [String: String]) -> RunManifest.Input {
        RunManifest.Input(
            file: RunManifest.HashedFile(path: path, bytes: 0, sha256: ""), headerLine: 1, preambleRows: 0, rowsRead: 0,
            rowsCounted: 0,
            rowsDuplicate: 0, rowsRejected: 0, columnsUsed: columns, absentFields: [])
    }

    @Test func oneSentencePerInput() {
        let note = MethodNotes.criminalitySources([
            Self.input("a.csv", ["criminality": "detainer_prepared_criminality"]),
            Self.input("b.csv", ["msc_code": "MSC Charge Code", "msc_name": "MSC Charge"]),
            Self.input("c.csv", ["state": "state"]),
        ])
        #expect(
            note
                == "Where criminality came from. a.csv: criminality from the column 'detainer_prepared_criminality'. b.csv: no criminality column; criminality inferred from the MSC columns 'MSC Charge Code' and 'MSC Charge' — a conviction where they hold a value, otherwise no_conviction_recorded (pending charges cannot be told from none). c.csv: neither a criminality nor an MSC column; criminality is unknown for every record."
        )
    }
}
