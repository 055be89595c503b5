/// Writes one sample detainer row at a time, in ICE's raw export column order, as CSV bytes.
///
/// Grain: one row per detainer; columns follow `SampleGenerator.columnNames`. Values are drawn from `SampleVocabulary` and kept plausibly
/// consistent (MSC only for convicted rows, departure fields only for departed cases, form flags
/// only in the years ICE's I-247 forms carried them), with a few real-data defects on purpose.
struct SampleRecordComposer: Sendable {
    /// The (Anonymized Identifier, Detainer Prepare Date) pair a later record may reuse.
    struct RecordKey: Sendable {
        var identifier: (UInt64, UInt64, UInt32)?
        /// Days since 1970-01-01; nil for a blank prepare date.
        var prepareDay: Int?
    }

    private let vocabulary: SampleVocabulary
    private var rng: SplitMix64
    private let fiscalYearStarts: [Int], fiscalYearIndex: WeightedIndex
    private let criminalities: SampleVocabulary.Choices
    private let detainerTypesByEra: [SampleVocabulary.Choices]
    private let eraStarts: [Int]
    private let priorityEra: ClosedRange<Int>
    private let liftDeclinedIndex: Int

    init(vocabulary: SampleVocabulary, seed: UInt64) {
        self.vocabulary = vocabulary
        rng = SplitMix64(seed: seed)
        // FY2009 (2008-10-01) … FY2020 (2020-09-30); Secure Communities years weigh most.
        fiscalYearStarts = (2008...2020).map { Self.day(year: $0, month: 10, day: 1) }
        fiscalYearIndex = WeightedIndex(weights: [8, 10, 13, 13, 12, 10, 6, 5, 7, 7, 6, 4])
        criminalities = .init([
            ("1 Convicted Criminal", 480), ("2 Pending Criminal Charges", 170),
            ("3 Other Immigration Violator", 340), ("", 10),
        ])
        // I-247 revisions: March 2013, the PEP forms of July 2015, I-247A of April 2017 (CODEBOOK §6).
        eraStarts = [
            Self.day(year: 2013, month: 3, day: 1), Self.day(year: 2015, month: 7, day: 24),
            Self.day(year: 2017, month: 4, day: 2),
        ]
        detainerTypesByEra = [
            .init([("", 90), ("I247 - Immigration Detainer - Notice of Action (prior to March 2013)", 10)]),
            .init([("", 55), ("I247 - Immigration Detainer - Notice of Action (as of March 2013)", 45)]),
            .init([
                ("", 35), ("I247D - Immigration Detainer - Request for Action", 60),
                ("I247N - Immigration Advisal - Request for Notification", 15),
                ("I247 - Immigration Detainer - Notice of Action (as of March 2013)", 5),
            ]),
            .init([
                ("", 25), ("I247A - Immigration Detainer - Immigration Detainer - Notice of Action", 85),
                ("I247N - Immigration Advisal - Request for Notification", 5),
            ]),
        ]
        priorityEra = Self.day(year: 2014, month: 11, day: 20)...Self.day(year: 2017, month: 1, day: 25)
        liftDeclinedIndex = vocabulary.liftReasons.fields.firstIndex(of: Array("Detainer Declined by LEA".utf8)) ?? -1
    }

    /// Appends one fresh record (ending in CRLF) and returns its key.
    ///
    /// - Parameters:
    ///   - key: a key to reuse instead of drawing a new identifier and prepare date.
    ///   - lineBreakInReason: put a line break inside the (quoted) Other Removal Reason field.
    mutating func appendRecord(to out: inout [UInt8], reusing key: RecordKey?, lineBreakInReason: Bool) -> RecordKey {
        let recordKey = key ?? freshKey()
        let draw = drawCase(prepareDay: recordKey.prepareDay)
        appendCaseAndPerson(draw, prepareDay: recordKey.prepareDay, to: &out)
        appendOrdersFlagsAndLift(draw, lineBreakInReason: lineBreakInReason, to: &out)
        out.appendField(Self.redactedIdentifier)
        if let identifier = recordKey.identifier { out.appendHex(identifier) }
        out.append(contentsOf: [0x0D, 0x0A])
        return recordKey
    }

    /// What one record's fields follow from, drawn first and in this order (the seed fixes the file).
    private struct CaseDraw {
        var anchor: Int
        var era: Int
        var criminality: Int
        var convicted: Bool
        var facility: SampleVocabulary.Facility
        var statusIndex: Int
        var statusBlank: Bool
        var departed: Bool
        var citizenship: Int
        var offense: SampleVocabulary.Offense?
    }

    private mutating func drawCase(prepareDay: Int?) -> CaseDraw {
        let v = vocabulary
        let anchor = prepareDay ?? randomPrepareDay()
        let era = eraStarts.reduce(0) { $0 + (anchor >= $1 ? 1 : 0) }
        let criminality = criminalities.index.pick(&rng)
        let convicted = criminality == 0
        let facility = v.facilities[v.facilityIndex.pick(&rng)]
        let statusIndex = v.caseStatuses.index.pick(&rng)
        let statusBlank = v.caseStatuses.fields[statusIndex].isEmpty
        let departed = (1...5).contains(statusIndex) && rng.chance(perMillion: 700_000)
        let citizenship = v.countries.index.pick(&rng)
        let offense = convicted && rng.chance(perMillion: 950_000) ? v.offenses[v.offenseIndex.pick(&rng)] : nil
        return CaseDraw(
            anchor: anchor, era: era, criminality: criminality, convicted: convicted, facility: facility,
            statusIndex: statusIndex, statusBlank: statusBlank, departed: departed, citizenship: citizenship,
            offense: offense)
    }

    /// Prepare date through the conviction fields: place, departure, case status, criminality,
    /// facility, threat level, person, entry status.
    private mutating func appendCaseAndPerson(_ draw: CaseDraw, prepareDay: Int?, to out: inout [UInt8]) {
        let v = vocabulary
        out.appendDate(prepareDay)
        out.append(fieldSeparator)
        out.appendField(draw.facility.state)
        out.appendField(draw.facility.areaOfResponsibility)
        if draw.departed {
            out.appendField(draw.citizenship == 0 ? v.departurePortsLand.pick(&rng) : v.departurePortsAir.pick(&rng))
            out.appendField(v.countries.fields[draw.citizenship])
            out.appendDate(draw.anchor + rng.between(5, 400))
            out.append(fieldSeparator)
        } else {
            out.append(contentsOf: Self.separators[3])
        }
        out.appendField(v.caseStatuses.fields[draw.statusIndex])
        out.appendField(criminalities.fields[draw.criminality])
        out.appendField(rng.chance(perMillion: 10_000) ? Self.redactedFacility : draw.facility.name)
        out.appendField(draw.facility.code)
        out.appendField(rng.chance(perMillion: 2_000) ? Self.redactedCityUnbalanced : draw.facility.city)
        let threat =
            draw.convicted
            ? v.threatBySeverity[draw.offense?.severity ?? 0]
            : v.threatBySeverity[draw.criminality == 1 ? 3 : 0]
        let threatShown = draw.convicted || rng.chance(perMillion: draw.criminality == 1 ? 200_000 : 70_000)
        out.appendField(threatShown ? threat.pick(&rng) : [])
        out.appendField(v.genders.pick(&rng))
        out.appendField(v.countries.fields[draw.citizenship])
        out.appendField(rng.chance(perMillion: 40_000) ? v.countries.pick(&rng) : v.countries.fields[draw.citizenship])
        out.appendField(Self.redactedPerson)
        let prepareYear = Self.civil(draw.anchor).year
        out.appendInt(prepareYear - 18 - rng.below(12) - rng.below(12) - rng.below(14))
        out.append(fieldSeparator)
        out.appendField(v.entryStatuses.pick(&rng))
        appendConviction(draw.offense, anchor: draw.anchor, to: &out)
    }

    /// Aggravated-felon class through the lift and detainer fields.
    private mutating func appendOrdersFlagsAndLift(_ draw: CaseDraw, lineBreakInReason: Bool, to out: inout [UInt8]) {
        let v = vocabulary
        // Aggravated-felon class follows the draw.offense (CODEBOOK §3 `felon`); ~0.5% contradict the flag.
        let felonClass = aggravatedFelonClass(draw.offense, convicted: draw.convicted)
        out.appendField(Self.felonClasses[felonClass])
        out.appendField(v.processingDispositions.pick(&rng))
        out.appendField(v.caseCategories.pick(&rng))
        out.appendField(rng.chance(perMillion: 150_000) ? v.caseCategories.pick(&rng) : [])
        out.appendField(rng.chance(perMillion: 250_000) ? v.currentPrograms.pick(&rng) : [])
        let method = v.apprehensionMethods.pick(&rng)
        out.appendField(method)
        let finalOrder = draw.statusBlank ? 0 : (draw.departed || rng.chance(perMillion: 250_000) ? 1 : 2)
        out.appendField(Self.yesNo[finalOrder])
        if finalOrder == 1, rng.chance(perMillion: 850_000) {
            out.appendDate(draw.departed ? draw.anchor - rng.between(0, 300) : draw.anchor - rng.between(-200, 2_500))
        }
        out.append(fieldSeparator)
        if !method.isEmpty, rng.chance(perMillion: 850_000) { out.appendDate(draw.anchor + rng.between(-3, 90)) }
        out.append(fieldSeparator)
        if rng.chance(perMillion: 120_000) { out.appendDate(draw.anchor - rng.between(30, 7_000)) }
        out.append(fieldSeparator)
        appendPriorityFlags(
            draw.offense, felonClass: felonClass, anchor: draw.anchor, lineBreak: lineBreakInReason, to: &out)
        appendFormFlags(era: draw.era, finalOrder: finalOrder == 1, anchor: draw.anchor, to: &out)

        let lift = v.liftReasons.index.pick(&rng)
        out.appendField(v.liftReasons.fields[lift])
        out.appendField(lift == liftDeclinedIndex ? Self.liftCodeDeclined : [])
        out.appendField(rng.chance(perMillion: 10_000) ? Self.yesNo[1] : [])
        if rng.chance(perMillion: 40_000) { out.appendDate(draw.anchor + rng.between(0, 30)) }
        out.append(fieldSeparator)
        out.appendField(detainerTypesByEra[draw.era].pick(&rng))
        out.appendField(rng.chance(perMillion: 30_000) ? Self.yesNo[1 + rng.below(2)] : [])
        out.appendField(rng.chance(perMillion: 200_000) ? draw.facility.dutySite : [])
    }

    /// Draws a new identifier (3% blank, as in DDP releases) and prepare date (0.3% blank).
    private mutating func freshKey() -> RecordKey {
        let identifier =
            rng.chance(perMillion: 30_000)
            ? nil
            : (rng.next(), rng.next(), UInt32(truncatingIfNeeded: rng.next()))
        return RecordKey(identifier: identifier, prepareDay: rng.chance(perMillion: 3_000) ? nil : randomPrepareDay())
    }

    /// Draws a day inside FY2009–FY2020 with the fiscal-year weights.
    private mutating func randomPrepareDay() -> Int {
        let year = fiscalYearIndex.pick(&rng)
        return fiscalYearStarts[year] + rng.below(fiscalYearStarts[year + 1] - fiscalYearStarts[year])
    }

    /// Writes MSC Charge through MSC Conviction Date (columns 19–25).
    private mutating func appendConviction(_ offense: SampleVocabulary.Offense?, anchor: Int, to out: inout [UInt8]) {
        guard let offense else {
            out.append(contentsOf: Self.separators[7])
            return
        }
        out.appendField(offense.name)
        // Usually exactly one of days / months / years is filled (CODEBOOK §3).
        let unit = rng.chance(perMillion: 880_000) ? 1 + rng.below(100) / 40 : 0
        let amount: Int
        switch unit {
        case 1: amount = Self.typicalDays[rng.below(Self.typicalDays.count)]
        case 2: amount = rng.between(1, offense.severity == 1 ? 240 : 48)
        default: amount = rng.between(1, offense.severity == 1 ? 25 : 4)
        }
        for slot in 1...3 {
            if slot == unit { out.appendInt(amount) }
            out.append(fieldSeparator)
        }
        let code =
            !offense.zeroDroppedCode.isEmpty && rng.chance(perMillion: 100_000)
            ? offense.zeroDroppedCode : offense.code
        out.appendField(code)
        let chargeDay = anchor - rng.between(20, 3_000)
        if rng.chance(perMillion: 930_000) { out.appendDate(chargeDay) }
        out.append(fieldSeparator)
        if rng.chance(perMillion: 900_000) { out.appendDate(chargeDay + rng.below(min(400, anchor - chargeDay) + 1)) }
        out.append(fieldSeparator)
    }

    /// Picks 0 = Not an Aggravated Felon, 1 = Drugs, 2 = Other, 3 = Both, 4 = blank.
    private mutating func aggravatedFelonClass(_ offense: SampleVocabulary.Offense?, convicted: Bool) -> Int {
        guard let offense else { return convicted || rng.chance(perMillion: 300_000) ? 0 : 4 }
        let drugShare = offense.kind == .drug ? (offense.severity == 1 ? 300_000 : 60_000) : 0
        let otherShare =
            offense.severity == 1 && offense.kind != .drug
            ? 400_000
            : (offense.kind == .weapon || offense.kind == .illegalReentry ? 40_000 : 0)
        let draw = rng.below(1_000_000)
        if draw < drugShare { return draw < drugShare / 50 ? 3 : 1 }
        if draw < drugShare + otherShare { return draw < drugShare + otherShare / 50 ? 3 : 2 }
        return 0
    }

    /// Writes the ten I-247 priority flags plus Other Removal Reason (columns 36–46).
    ///
    /// ICE's forms carried these boxes mostly during the Priority Enforcement Program era
    /// (2014-11-20 to 2017-01-25); outside it most are blank.
    private mutating func appendPriorityFlags(
        _ offense: SampleVocabulary.Offense?, felonClass: Int, anchor: Int,
        lineBreak: Bool, to out: inout [UInt8]
    ) {
        let contradiction = felonClass == 0 && rng.chance(perMillion: 8_000)
        let present =
            lineBreak || contradiction
            || rng.chance(perMillion: priorityEra.contains(anchor) ? 600_000 : 80_000)
        guard present else {
            out.append(contentsOf: Self.separators[11])
            return
        }
        let severity = offense?.severity ?? 4
        let kind = offense?.kind ?? .other
        out.appendField(flag(severity <= 2 ? 600_000 : 0))
        out.appendField(flag(severity == 3 ? 250_000 : 0))
        out.appendField(flag(severity == 3 && kind == .violent ? 700_000 : 0))
        out.appendField(flag(kind == .illegalEntry ? 1_000_000 : 30_000))
        out.appendField(flag(kind == .illegalReentry ? 1_000_000 : 20_000))
        out.appendField(flag(10_000))
        out.appendField(flag(30_000))
        let otherReason = lineBreak || rng.chance(perMillion: 30_000)
        out.appendField(Self.yesNo[otherReason ? 1 : 2])
        out.appendField(
            lineBreak
                ? vocabulary.otherRemovalReasonsWithBreak.pick(&rng)
                : (otherReason ? vocabulary.otherRemovalReasons.pick(&rng) : []))
        out.appendField(flag(15_000))
        out.appendField(Self.yesNo[contradiction || (1...3).contains(felonClass) ? 1 : 2])
    }

    /// Writes Deportation Ordered through Resume Custody (columns 47–56), by I-247 form era.
    private mutating func appendFormFlags(era: Int, finalOrder: Bool, anchor: Int, to out: inout [UInt8]) {
        guard rng.chance(perMillion: Self.formFlagShareByEra[era]) else {
            out.append(contentsOf: Self.separators[10])
            return
        }
        out.appendField(flag(finalOrder ? 800_000 : 0))
        let showCause = rng.chance(perMillion: 100_000)
        out.appendField(Self.yesNo[showCause ? 1 : 2])
        if showCause, rng.chance(perMillion: 600_000) { out.appendDate(anchor - rng.below(700)) }
        out.append(fieldSeparator)
        out.appendField(flag(900_000))
        out.appendField(flag(300_000))
        for _ in 0..<3 { out.appendField(rng.chance(perMillion: 100_000) ? flag(200_000) : []) }
        out.appendField(rng.chance(perMillion: 600_000) ? flag(500_000) : [])
        out.appendField(rng.chance(perMillion: 980_000) ? flag(10_000) : [])
    }

    /// Returns `YES` with the given probability, else `NO`.
    private mutating func flag(_ yesPerMillion: Int) -> [UInt8] {
        Self.yesNo[rng.chance(perMillion: yesPerMillion) ? 1 : 2]
    }
}

extension SampleRecordComposer {
    static let yesNo: [[UInt8]] = [[], Array("YES".utf8), Array("NO".utf8)]
    static let felonClasses: [[UInt8]] = [
        "Not an Aggravated Felon", "Drugs", "Other", "Both (drug and other agg felon convictions)", "",
    ].map { Array($0.utf8) }
    /// FOIA redaction markers exactly as they appear in ICE cells (CODEBOOK §9).
    static let redactedPerson = SampleVocabulary.csvField("(b)(6), (b)(7)(c)")
    static let redactedIdentifier = SampleVocabulary.csvField("(b)(6), (b)(7)(c) (b)(7)(e)")
    static let redactedFacility = SampleVocabulary.csvField("b(6), b(7)c")
    static let redactedCityUnbalanced = SampleVocabulary.csvField("(b)(6),(b)(7)c)")
    static let liftCodeDeclined = Array("A".utf8)
    static let typicalDays = [1, 2, 5, 10, 30, 30, 45, 60, 90, 90, 120, 180, 180, 270, 364, 364]
    static let formFlagShareByEra = [50_000, 250_000, 600_000, 900_000]
    /// `separators[n]` is n field separators, for runs of blank cells.
    static let separators: [[UInt8]] = (0...12).map { [UInt8](repeating: fieldSeparator, count: $0) }

    /// Days since 1970-01-01 for a proleptic Gregorian date (Hinnant's `days_from_civil`).
    static func day(year: Int, month: Int, day: Int) -> Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        return era * 146_097 + yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear - 719_468
    }

    /// The calendar date of a day count (Hinnant's `civil_from_days`).
    static func civil(_ days: Int) -> (year: Int, month: Int, day: Int) {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, dayOfYear - (153 * monthIndex + 2) / 5 + 1)
    }
}
