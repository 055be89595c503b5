import Foundation
import PipelineTestSupport
import Runner
import Testing

/// Bad pipeline definitions are refused before any data is read, naming the key path.
@Suite struct PipelineValidationTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var yaml: String
        var message: String
        var testDescription: String { name }
    }

    static let base = """
        name: t
        columns:
          date: {names: ["Date"], required: true}
          state: ["State"]
        reports:
          - name: by_state
            group_by: [state]
        """

    static let cases: [Case] = [
        Case(
            name: "unknown field in group_by",
            yaml: base.replacingOccurrences(of: "group_by: [state]", with: "group_by: [state, county2]"),
            message:
                "reports[0].group_by[1]: unknown field 'county2'; known fields: date, state, aor, county, city, facility, facility_code, person_id, citizenship, gender, birth_date, birth_year, apprehension_method, apprehension_type, program, detainer_type, lift_reason, removal_reason, criminality, ice_threat_level, msc_code, msc_name, msc_sentence_days, msc_sentence_months, msc_sentence_years, msc_crime_class, msc_charge_status, aggravated_felon, aggravated_felony_flag, prior_felony, multiple_prior_misd, violent_misdemeanor, criminal_street_gang, significant_risk, illegal_entry, illegal_reentry, immigration_fraud, victim_witness_indicator, count, fiscal_year, calendar_year, month, day, charge_count"
        ),
        Case(
            name: "unmapped group field",
            yaml: base.replacingOccurrences(of: "group_by: [state]", with: "group_by: [aor]"),
            message: "reports[0].group_by[0]: 'aor' has no column in 'columns'"),
        Case(
            name: "identifying group field",
            yaml: base.replacingOccurrences(
                of: "  state: [\"State\"]", with: "  state: [\"State\"]\n  person_id: [\"ID\"]"
            ).replacingOccurrences(of: "group_by: [state]", with: "group_by: [person_id]"),
            message: "reports[0].group_by[0]: 'person_id' identifies people and may not appear in a published report"),
        Case(
            name: "typo in a key", yaml: base.replacingOccurrences(of: "group_by:", with: "group_bi:"),
            message: "reports[0].group_bi: unknown key 'group_bi'; expected one of: description, group_by, name"),
        Case(
            name: "unknown column field",
            yaml: base.replacingOccurrences(of: "  state: [\"State\"]", with: "  stat: [\"State\"]"),
            message:
                "columns.stat: unknown field 'stat'; known fields: date, state, aor, county, city, facility, facility_code, person_id, citizenship, gender, birth_date, birth_year, apprehension_method, apprehension_type, program, detainer_type, lift_reason, removal_reason, criminality, ice_threat_level, msc_code, msc_name, msc_sentence_days, msc_sentence_months, msc_sentence_years, msc_crime_class, msc_charge_status, aggravated_felon, aggravated_felony_flag, prior_felony, multiple_prior_misd, violent_misdemeanor, criminal_street_gang, significant_risk, illegal_entry, illegal_reentry, immigration_fraud, victim_witness_indicator, count, fiscal_year, calendar_year, month, day, charge_count"
        ),
        Case(
            name: "report name becomes a file name",
            yaml: base.replacingOccurrences(of: "name: by_state", with: "name: ../etc/x"),
            message:
                "reports[0].name: '../etc/x' must be 1–64 characters of a-z, 0-9, '_' or '-' (it becomes a file name)"),
        Case(
            name: "recorded period ends before it starts",
            yaml: base.replacingOccurrences(
                of: "  state: [\"State\"]",
                with: "  state: {names: [\"State\"], recorded_from: \"2014-10-01\", recorded_until: \"2013-01-01\"}"),
            message: "columns.state.recorded_until: must not be before recorded_from (2014-10-01)"),
        Case(
            name: "thresholds out of order", yaml: base + "\nthresholds: {warn: 0.5, stop: 0.1}",
            message: "thresholds: warn (0.5) must not exceed stop (0.1)"),
        Case(
            name: "missing reports", yaml: "name: t\ncolumns:\n  date: [\"Date\"]\n",
            message: "missing required key 'reports'"),
        Case(
            name: "bad delimiter", yaml: base + "\nsource: {delimiter: colon}",
            message: "source.delimiter: Cannot initialize Delimiter from invalid String value colon"),
        Case(
            name: "report named like a built-in table",
            yaml: base.replacingOccurrences(of: "name: by_state", with: "name: changes"),
            message: "reports[0].name: 'changes' is reserved for a built-in table; choose another name"),
        Case(
            name: "report named like the file-changes table",
            yaml: base.replacingOccurrences(of: "name: by_state", with: "name: changes_files"),
            message: "reports[0].name: 'changes_files' is reserved for a built-in table; choose another name"),
        Case(
            name: "report named like the ranking",
            yaml: base.replacingOccurrences(of: "name: by_state", with: "name: ranking"),
            message: "reports[0].name: 'ranking' is reserved for a built-in table; choose another name"),
        Case(
            name: "report named like an internal listing",
            yaml: base.replacingOccurrences(of: "name: by_state", with: "name: changes_records"),
            message:
                "reports[0].name: 'changes_records' is reserved for a built-in listing in internal/; choose another name"
        ),
        Case(
            name: "report named like the rejects",
            yaml: base.replacingOccurrences(of: "name: by_state", with: "name: rejects"),
            message: "reports[0].name: 'rejects' is reserved for a built-in listing in internal/; choose another name"),
        Case(
            name: "report named like summary.json",
            yaml: base.replacingOccurrences(of: "name: by_state", with: "name: summary"),
            message: "reports[0].name: 'summary' is reserved for a built-in output (summary.json); choose another name"),
        Case(
            name: "report named like the workbook",
            yaml: base.replacingOccurrences(of: "name: by_state", with: "name: report"),
            message:
                "reports[0].name: 'report' is reserved for a built-in output (report.xlsx, report.html); choose another name"
        ),
        Case(
            name: "report named like the README sheet",
            yaml: base.replacingOccurrences(of: "name: by_state", with: "name: readme"),
            message:
                "reports[0].name: 'readme' is reserved for the workbook's README sheet (sheet names ignore case); choose another name"
        ),
        Case(
            name: "report named like a chart report",
            yaml: base.replacingOccurrences(of: "name: by_state", with: "name: _chart_state"),
            message:
                "reports[0].name: '_chart_state' starts with '_', which is reserved for the runner's own reports (_chart_*); choose another name"
        ),
        Case(
            name: "report named like a targets table",
            yaml: base.replacingOccurrences(of: "name: by_state", with: "name: by_state_targets"),
            message:
                "reports[0].name: 'by_state_targets' ends in '_targets', which is reserved for the targets tables (<report>_targets.csv); choose another name"
        ),
        Case(
            name: "charge list without a status key path it requires",
            yaml: base
                + "\ncharges: {names: [charges], format: json, keys: {category: NCIC_CATEGORY}, required_keys: [status]}",
            message: "charges.required_keys[0]: 'status' has no key path in 'charges.keys'"),
        Case(
            name: "charge list with an empty key in a key path",
            yaml: base + "\ncharges: {names: [charges], format: json, keys: {status: \"CHARGE..STATUS\"}}",
            message: "charges.keys.status: 'CHARGE..STATUS' is not a key path (key names separated by single '.')"),
        Case(
            name: "charge list with an unknown key",
            yaml: base + "\ncharges: {names: [charges], format: json, keys: {status: S}, seperator: \";\"}",
            message:
                "charges.seperator: unknown key 'seperator'; expected one of: format, item, item_status, keys, names, null_markers, required_keys, separator"
        ),
        Case(
            name: "charge list with an unknown part",
            yaml: base + "\ncharges: {names: [charges], format: json, keys: {severity: S}}",
            message:
                "charges.keys.severity: unknown part 'severity'; expected one of: code, name, category, status, date"),
        Case(
            name: "delimited charge list without a separator",
            yaml: base + "\ncharges: {names: [charges], format: delimited, item: name}",
            message: "charges.separator: a delimited list needs a non-empty separator"),
        Case(
            name: "charge list status that is no status",
            yaml: base
                + "\ncharges: {names: [charges], format: delimited, separator: \";\", item: name, item_status: Guilty}",
            message:
                "charges.item_status: 'Guilty' is not a status; expected Convicted, Pending, Dismissed or Overturned"),
        Case(
            name: "charge list column mapped twice",
            yaml: base + "\ncharges: {names: [State], format: json, keys: {status: S}}",
            message: "charges.names: column 'State' is already mapped to 'state'"),
        Case(
            name: "charge count grouped without a charge list",
            yaml: base.replacingOccurrences(of: "group_by: [state]", with: "group_by: [charge_count]"),
            message: "reports[0].group_by[0]: 'charge_count' needs a 'charges' list"),
        Case(
            name: "small-cell threshold below 1", yaml: base + "\npublication: {min_count: 0}",
            message: "publication.min_count: must be at least 1 (1 publishes every count)"),
        Case(
            name: "reference escaping the pipeline folder",
            yaml: base + "\nreference: {offenses: ../../etc/offenses.meta.yml}",
            message:
                "reference.offenses: '../../etc/offenses.meta.yml' leaves the pipeline's folder; use a path inside it, or an absolute path"
        ),
    ]

    @Test(arguments: cases)
    func refused(_ testCase: Case) throws {
        let folder = TestPaths.temporaryFolder("pipeline")
        let path = folder.appendingPathComponent("p.yml").path
        try testCase.yaml.write(toFile: path, atomically: true, encoding: .utf8)
        do {
            _ = try PipelineCheck.check(path: path)
            Issue.record("expected the pipeline to be refused")
        } catch let error as RunnerError {
            #expect(error.description == "\(path): error: \(testCase.message)")
            #expect(error.exitCode == 2)
        }
    }

    @Test func shippedPipelinesAreValid() throws {
        let folder = TestPaths.pipelines
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yml") }
            .sorted()
        #expect(files.count >= 4)
        for file in files {
            #expect(throws: Never.self) { try PipelineCheck.check(path: folder.appendingPathComponent(file).path) }
        }
    }
}
