import Testing

@testable import Ingest

/// The per-column table that hands out one `String` per distinct cell value.
@Suite struct InternTableTests {
    private static func bytes(_ text: String) -> ArraySlice<UInt8> { ArraySlice(Array(text.utf8)) }

    @Test func knownValuesComeBackWithoutBeingMadeAgain() {
        var table = InternTable()
        var made = 0
        let values =
            (0..<1000).map { "value \($0) " + String(repeating: "x", count: $0 % 23) } + [
                "", "a", "ab", "12345678", "123456789",
            ]
        for value in values {
            #expect(table.contains(Self.bytes(value)) == nil)
            #expect(
                table.string(for: Self.bytes(value)) {
                    made += 1
                    return value
                } == value)
        }
        #expect(made == values.count)
        // Past several growths of the table, every value is found again and nothing new is made.
        for value in values.reversed() {
            #expect(table.contains(Self.bytes(value)) == value)
            #expect(
                table.string(for: Self.bytes(value)) {
                    made += 1
                    return "wrong"
                } == value)
        }
        #expect(made == values.count)
        // Same length, one byte apart; a prefix; a longer value with the same first 8 bytes.
        for other in ["value 1  ", "value 1", "value 10x", "12345679", "1234567", "123456780"]
        where !values.contains(other) {
            #expect(table.contains(Self.bytes(other)) == nil)
        }
    }

    @Test func atTheLimitNewValuesAreMadeButNotKept() {
        var table = InternTable(limit: 2)
        var made = 0
        for value in ["TX", "CA", "NY", "NY"] {
            _ = table.string(for: Self.bytes(value)) {
                made += 1
                return value
            }
        }
        #expect(made == 4)
        #expect(table.contains(Self.bytes("TX")) == "TX")
        #expect(table.contains(Self.bytes("CA")) == "CA")
        #expect(table.contains(Self.bytes("NY")) == nil)
        var none = InternTable(limit: 0)
        #expect(none.string(for: Self.bytes("TX")) { "TX" } == "TX")
        #expect(none.contains(Self.bytes("TX")) == nil)
    }

    @Test func slicesInTheMiddleOfAnArrayAreReadFromTheirOwnStart() {
        var table = InternTable()
        let row = Array("TEXAS,OHIO,TEXAS".utf8)
        _ = table.string(for: row[0..<5]) { "TEXAS" }
        #expect(table.contains(row[11..<16]) == "TEXAS")
        #expect(table.contains(row[6..<10]) == nil)
    }
}
