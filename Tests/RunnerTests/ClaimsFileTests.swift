import AuditCore
import Foundation
import PipelineTestSupport
import Runner
import Testing

/// The claims file is validated before any data is read; the shipped one holds sourced claims across
/// eras, each with a figure in count-column terms or the reason it cannot be computed.
@Suite struct ClaimsFileTests {
    static let shipped = TestPaths.pipelines.appendingPathComponent("claims/official-claims.yml").path

    @Test func shippedClaimsAreValidAndSourced() throws {
        let claims = try ClaimsFile.load(path: Self.shipped)
        #expect(claims.claims.count == 16)
        #expect(claims.claims.allSatisfy { $0.source.hasPrefix("http") && !$0.quote.isEmpty })
        // Across eras: Secure Communities (2008-2011), FY2013, FY2024 detention, 2025-2026 arrests.
        let years = Set(claims.claims.map { $0.population.from.year })
        #expect(years.isSuperset(of: [2008, 2012, 2023, 2025]))
        let dhs = try #require(claims.claims.first { $0.id == "dhs_2025_12_05_arrests_charged_or_convicted" })
        #expect(dhs.population.recordType == .arrests)
        #expect(dhs.measure.numerator == ["convicted", "pending_charges"])
        #expect(dhs.claimed?.claimedShare == 0.70)
        let ice = try #require(claims.claims.first { $0.id == "ice_2011_sc_removals_outside_three_levels" })
        #expect(ice.claimed?.claimedShare == 27047.0 / 94218.0)
    }

    @Test(arguments: [
        (
            "measure: {numerator: [convictd], denominator: [records]}",
            "claims[0].measure.numerator: unknown count column 'convictd'"
        ),
        (
            "measure: {numerator: [convicted], denominator: [records]}\n    claimed: {share: 70}",
            "claims[0].claimed: share must be a fraction between 0 and 1"
        ),
        (
            "measure: {numerator: [convicted], denominator: [records]}",
            "claims[0].claimed: give the claimed figure, or say why it is not testable (not_testable)"
        ),
        (
            "measure: {numerator: [convicted], denominator: [records]}\n    claimed: {count: 5}",
            "claims[0].claimed: give either share, or count with its total (of)"
        ),
    ])
    func refused(_ measure: String, _ message: String) throws {
        let path = TestPaths.temporaryFolder("claims").appendingPathComponent("claims.yml").path
        try """
        name: c
        version: '1'
        claims:
          - id: a
            quote: q
            speaker: s
            date: "2025-12-05"
            source: https://example.org
            population: {program: p, record_type: arrests, from: "2025-01-20", to: "2025-12-05", place: United States}
            \(measure)
        """.write(toFile: path, atomically: true, encoding: .utf8)
        do {
            _ = try ClaimsFile.load(path: path)
            Issue.record("expected the claims file to be refused")
        } catch let error as RunnerError {
            #expect(error.description.contains(message), "\(error.description)")
        }
    }
}
