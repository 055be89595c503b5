import AuditCore
import Classify
import Testing

/// `apprehension_type` (issue 14): ICE's arrests tables record `Targeted` or `Collateral`
/// (deportationdata/ice `code/arrests-historical.R`, `Apprehension Type`); anything else is unknown,
/// an unexpected value also listed, never guessed.
@Suite struct ApprehensionTypeTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var value: String?
        var label: ApprehensionType
        var unmapped: [UnmappedValue]
        var testDescription: String { value ?? "(no column)" }
    }

    @Test(arguments: [
        Case(value: "Targeted", label: .targeted, unmapped: []),
        Case(value: "Collateral", label: .collateral, unmapped: []),
        Case(value: " collateral ", label: .collateral, unmapped: []),
        Case(value: "TARGETED", label: .targeted, unmapped: []),
        Case(value: "", label: .unknown, unmapped: []),
        Case(value: "(redacted)", label: .unknown, unmapped: []),
        Case(
            value: "Self-Surrender", label: .unknown,
            unmapped: [UnmappedValue(field: "apprehension_type", value: "Self-Surrender")]),
        Case(value: nil, label: .unknown, unmapped: []),
    ])
    func label(_ testCase: Case) {
        let fields: [Field: String] = testCase.value.map { [.apprehensionType: $0] } ?? [:]
        let available: Set<Field> = testCase.value == nil ? [.criminality] : [.criminality, .apprehensionType]
        let result = TestRecords.classify(
            fields.merging([.criminality: "1 Convicted Criminal"]) { $1 }, available: available)
        #expect(result.classification.apprehensionType == testCase.label)
        #expect(result.unmapped.filter { $0.field == "apprehension_type" } == testCase.unmapped)
        let columns = CountColumn.columns(for: result.classification)
        let expected: CountColumn =
            switch testCase.label {
            case .targeted: .targeted
            case .collateral: .collateral
            case .unknown: .apprehensionTypeUnknown
            }
        #expect(columns.filter { [.targeted, .collateral, .apprehensionTypeUnknown].contains($0) } == [expected])
    }
}
