import AuditCore
import Foundation
import Ingest
import Testing
import Yams

/// A charge-list column (`charges:`) read into `SourceRecord.charges` and `charge_count`, and the
/// rejects of cells that cannot be read. Every expected value is written out by hand from the rows.
@Suite struct ChargeListReadingTests {
    static let jsonPipeline = """
        name: t
        source: {delimiter: pipe, date_formats: [iso]}
        columns:
          date: {names: ["date"], required: true}
        charges:
          names: ["criminal_charges"]
          format: json
          keys: {category: NCIC_CATEGORY, status: CHARGE_STATUS, date: CHARGE_DATE, code: CHARGE.CODE}
          required_keys: [status]
          null_markers: ["IIDS ETL NULL"]
        reports: [{name: by_charge_count, group_by: [charge_count]}]
        """

    struct Read {
        var records: [SourceRecord] = []
        var rejects: [Reject] = []
    }

    static func read(_ yaml: String, _ lines: [String]) throws -> Read {
        let pipeline = try YAMLDecoder().decode(PipelineDefinition.self, from: yaml)
        #expect(pipeline.validate().isEmpty)
        var result = Read()
        _ = try RecordReader(pipeline: pipeline).read(
            bytes: Array(lines.joined(separator: "\n").utf8), displayName: "t.csv",
            onRecord: { record, _ in result.records.append(record) }, onReject: { result.rejects.append($0) })
        return result
    }

    /// CSV quoting of one JSON cell: quotes doubled, the whole cell quoted.
    static func quoted(_ json: String) -> String { "\"" + json.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }

    @Test func jsonCellsBecomeCharges() throws {
        let read = try Self.read(
            Self.jsonPipeline,
            [
                "date|criminal_charges",
                "2019-01-08|"
                    + Self.quoted(
                        #"[{"CHARGE_DATE":"2015-09-29","NCIC_CATEGORY":"Assault","CHARGE_STATUS":"Convicted","CHARGE":{"CODE":"13ab"}},{"CHARGE_DATE":"IIDS ETL NULL","NCIC_CATEGORY":" Traffic Offenses ","CHARGE_STATUS":"Pending"}]"#
                    ),
                "2019-01-09|[]",
                "2019-01-10|IIDS ETL NULL",
                "2019-01-11|",
                "2019-01-12|"
                    + Self.quoted(#"[{"NCIC_CATEGORY":null,"CHARGE_STATUS":"IIDS ETL NULL","CHARGE":{"CODE":301}}]"#),
            ])
        #expect(read.rejects.isEmpty)
        #expect(read.records.count == 5)
        #expect(
            read.records[0].charges == [
                Charge(
                    code: "13AB", category: "Assault", status: "Convicted",
                    date: SimpleDate(year: 2015, month: 9, day: 29)),
                Charge(category: "Traffic Offenses", status: "Pending"),
            ])
        #expect(read.records[0][.chargeCount] == .value("2"))
        #expect(read.records[1].charges == [])
        #expect(read.records[1][.chargeCount] == .value("0"))
        // A whole-cell null marker and a blank cell: the list is unknown, not empty.
        #expect(read.records[2].charges == nil)
        #expect(read.records[2][.chargeCount] == .missing)
        #expect(read.records[3].charges == nil)
        #expect(read.records[3][.chargeCount] == .missing)
        // JSON null and the null marker inside an object are absent values; a number is its text.
        #expect(read.records[4].charges == [Charge(code: "0301")])
    }

    @Test func unreadableCellsAreRejectedWithTheReason() throws {
        let read = try Self.read(
            Self.jsonPipeline,
            [
                "date|criminal_charges",
                "2019-01-08|" + Self.quoted(#"[{"NCIC_CATEGORY":"Assault","CHARGE_STATUS":"Convicted""#),
                "2019-01-09|" + Self.quoted(#"{"NCIC_CATEGORY":"Assault","CHARGE_STATUS":"Convicted"}"#),
                "2019-01-10|" + Self.quoted(#"[{"CHARGE_STATUS":"Pending"},"Assault"]"#),
                "2019-01-11|" + Self.quoted(#"[{"CHARGE_STATUS":"Pending"},{"NCIC_CATEGORY":"Assault"}]"#),
                "2019-01-12|" + Self.quoted(#"[{"CHARGE_STATUS":"Convicted","CHARGE_DATE":"29/09/2015"}]"#),
                "2019-01-13|" + Self.quoted(#"[{"CHARGE_STATUS":["Convicted"]}]"#),
            ])
        #expect(read.records.isEmpty)
        let example =
            #"[{"CHARGE":{"CODE":"…"},"NCIC_CATEGORY":"…","CHARGE_STATUS":"Convicted","CHARGE_DATE":"2015-09-29"}]"#
        #expect(read.rejects.map(\.column) == Array(repeating: "criminal_charges", count: 6))
        #expect(read.rejects.map(\.lineage.line) == [2, 3, 4, 5, 6, 7])
        #expect(
            read.rejects.map(\.reason) == [
                "the charge list is not valid JSON; expected an array of objects such as \(example), [] for no charges or 'IIDS ETL NULL' (check for a cut-off cell or unescaped quotes)",
                "the charge list is an object, not an array; expected an array of objects such as \(example)",
                "charge 2 of the list is a string, not an object such as \(example)",
                "charge 2 of the list has no 'CHARGE_STATUS' (charges.required_keys lists status); add it, with the value 'IIDS ETL NULL' where it is unknown",
                "charge 1 of the list: cannot read '29/09/2015' at 'CHARGE_DATE' as a date; expected YYYY-MM-DD",
                "charge 1 of the list holds an array at 'CHARGE_STATUS', not a value",
            ])
    }

    @Test func delimitedCellsBecomeCharges() throws {
        let read = try Self.read(
            """
            name: t
            source: {delimiter: comma}
            columns:
              date: {names: ["date"], required: true}
            charges: {names: ["Convictions"], format: delimited, separator: ";", item: name, item_status: Convicted, null_markers: ["UNKNOWN"]}
            reports: [{name: r, group_by: [charge_count]}]
            """,
            ["date,Convictions", "2019-01-08,Assault; Traffic Offenses;;UNKNOWN", "2019-01-09,"])
        #expect(read.rejects.isEmpty)
        #expect(
            read.records[0].charges == [
                Charge(name: "Assault", status: "Convicted"), Charge(name: "Traffic Offenses", status: "Convicted"),
                Charge(status: "Convicted"),
            ])
        #expect(read.records[0][.chargeCount] == .value("3"))
        #expect(read.records[1].charges == nil)
        #expect(read.records[1][.chargeCount] == .missing)
    }
}
