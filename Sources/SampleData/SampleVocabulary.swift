/// The value lists a sample detainer is drawn from, pre-encoded as CSV field bytes.
///
/// Every value is taken from a real ICE release or the NIEM 5.0.1 NCIC code list as recorded in
/// the project's codebook (CODEBOOK.md §1–§10); weights are rough shares, not published figures.
/// Each value is quoted and escaped once here (RFC 4180: only when it holds a comma, a double
/// quote, CR or LF), so the hot loop only copies bytes.
struct SampleVocabulary: Sendable {
    /// A weighted list of CSV-encoded values for one column; an empty value is a blank cell.
    struct Choices: Sendable {
        let fields: [[UInt8]]
        let index: WeightedIndex

        init(_ entries: [(String, UInt64)]) {
            fields = entries.map { SampleVocabulary.csvField($0.0) }
            index = WeightedIndex(weights: entries.map(\.1))
        }

        /// Draws one encoded value.
        @inline(__always)
        func pick(_ rng: inout SplitMix64) -> [UInt8] { fields[index.pick(&rng)] }
    }

    /// One detaining facility with the state and ICE area of responsibility it belongs to.
    struct Facility: Sendable {
        let state: [UInt8], areaOfResponsibility: [UInt8], dutySite: [UInt8]
        let name: [UInt8], code: [UInt8], city: [UInt8]
    }

    /// How an offense tends to be treated: drives threat level, sentence and yes/no flags.
    enum OffenseKind: Sendable { case traffic, violent, drug, property, weapon, illegalEntry, illegalReentry, other }

    /// One most-serious-conviction pair as ICE writes it (NCIC code, title-case NCIC description).
    struct Offense: Sendable {
        let code: [UInt8], name: [UInt8], kind: OffenseKind
        /// 1 = most severe (aggravated-felony-like), 2 = felony-like, 3 = misdemeanor-like.
        let severity: Int
        /// The code with its leading zero lost, as in real exports (`301`); empty when not applicable.
        let zeroDroppedCode: [UInt8]
    }

    let facilities: [Facility]
    let facilityIndex: WeightedIndex
    let offenses: [Offense]
    let offenseIndex: WeightedIndex
    let countries: Choices
    let departurePortsLand: Choices, departurePortsAir: Choices
    let caseStatuses: Choices
    let caseCategories: Choices
    let processingDispositions: Choices
    let entryStatuses: Choices
    let genders: Choices
    let apprehensionMethods: Choices
    let currentPrograms: Choices
    let liftReasons: Choices
    let otherRemovalReasons: Choices
    let otherRemovalReasonsWithBreak: Choices
    /// Threat level `1`/`2`/`3`/blank, indexed by offense severity 1...3; index 0 is "no MSC".
    let threatBySeverity: [Choices]

    init() {
        let areas: [(String, String)] = [
            ("Los Angeles", "LOS ANGELES, CA"), ("San Francisco", "SAN FRANCISCO, CA"),
            ("San Diego", "SAN DIEGO, CA"), ("Houston", "HOUSTON, TX"), ("Dallas", "DALLAS, TX"),
            ("San Antonio", "SAN ANTONIO, TX"), ("El Paso", "EL PASO, TX"), ("Phoenix", "PHOENIX, AZ"),
            ("Miami", "MIAMI, FL"), ("New York City", "NEW YORK, NY"), ("Buffalo", "BUFFALO, NY"),
            ("Atlanta", "ATLANTA, GA"), ("Chicago", "CHICAGO, IL"), ("Newark", "NEWARK, NJ"),
            ("Philadelphia", "PHILADELPHIA, PA"), ("Seattle", "SEATTLE, WA"), ("St. Paul", "ST. PAUL, MN"),
            ("Denver", "DENVER, CO"), ("Boston", "BOSTON, MA"),
        ]
        var facilities = [Facility]()
        var facilityWeights = [UInt64]()
        for (state, area, name, code, city, weight) in SampleVocabulary.facilityTable {
            let (areaName, office) = areas[area]
            facilities.append(
                Facility(
                    state: Self.csvField(state),
                    areaOfResponsibility: Self.csvField(areaName + " Area of Responsibility"),
                    dutySite: Self.csvField(office + ", DOCKET CONTROL OFFICE"),
                    name: Self.csvField(name), code: Self.csvField(code), city: Self.csvField(city)))
            facilityWeights.append(weight)
        }
        self.facilities = facilities
        facilityIndex = WeightedIndex(weights: facilityWeights)
        offenses = SampleVocabulary.offenseTable.map { code, name, kind, severity, _ in
            Offense(
                code: Self.csvField(code), name: Self.csvField(name), kind: kind, severity: severity,
                zeroDroppedCode: code == "0301" ? Self.csvField("301") : [])
        }
        offenseIndex = WeightedIndex(weights: SampleVocabulary.offenseTable.map(\.4))
        countries = Choices(SampleVocabulary.countryTable)
        departurePortsLand = Choices([
            ("PASO DEL NORTE, TX, POE", 30), ("SAN YSIDRO, CA, POE", 25), ("EL PASO, TX, POE", 12),
            ("NOGALES, AZ, POE", 12), ("BROWNSVILLE-MATAMOR, TX, POE", 8), ("LAREDO, TX, POE", 8),
            ("CALEXICO, CA, POE", 5),
        ])
        departurePortsAir = Choices([
            ("ALEXANDRIA INTERNATIONAL AIRPORT, POE", 40), ("MESA GATEWAY AIRPORT, AZ, POE", 25),
            ("MIAMI INTERNATIONAL AIRPORT, POE", 15), ("HOUSTON INTERCONTINENTAL AIRPORT, POE", 15),
            ("JFK INTERNATIONAL AIRPORT, NY, POE", 5),
        ])
        caseStatuses = Choices([  // Indices 1...5 are the statuses that end in a departure.
            ("ACTIVE", 500), ("6-Deported/Removed - Deportability", 170),
            ("8-Excluded/Removed - Inadmissibility", 120), ("8-Excluded/Deported/Removed", 20),
            ("3-Voluntary Departure Confirmed", 15), ("9-VR Witnessed", 8), ("A-Proceedings Terminated", 15),
            ("B-Relief Granted", 8), ("E-Charging Document Canceled by ICE", 6),
            ("0-Withdrawal Permitted - I-275 Issued", 4), ("10-USC Prosecution Case Closed", 2),
            ("7-Died", 1), ("L-Legalization - Permanent Residence Granted", 1),
            ("Z-SAW - Permanent Residence Granted", 1), ("", 100),
        ])
        caseCategories = Choices(SampleVocabulary.caseCategoryTable)
        processingDispositions = Choices([
            ("", 550), ("Warrant of Arrest/Notice to Appear", 250), ("REINSTATEMENT OF DEPORT ORDER I-871", 150),
            ("Other", 90), ("Detainer", 80), ("ADMINISTRATIVE DEPORTATION I-851/I-851A", 50),
            ("Notice to Appear (I-862)", 30), ("Expedited Removal (I-860)", 30), ("Voluntary Return", 20),
            ("Not in Custody", 20), ("Voluntary Departure", 10), ("Bag and Baggage", 8),
            ("Prosecutorial Discretion", 8), ("Notice to Appear Detained (I-862)", 6), ("Paroled", 2),
        ])
        entryStatuses = Choices([
            ("", 650), ("Not  Applicable", 300), ("Entered Without Inspection", 150),
            ("Lawful Permanent Resident", 50), ("Visitor", 25), ("Parolee", 12), ("Student", 8), ("Absconder", 5),
        ])
        genders = Choices([("Male", 880), ("Female", 112), ("Unknown", 8)])
        apprehensionMethods = Choices([
            ("", 700), ("CAP Local Incarceration", 170), ("287(g) Program", 45), ("CAP State Incarceration", 40),
            ("Located", 35), ("Non-Custodial Arrest", 30), ("CAP Federal Incarceration", 15),
            ("Probation and Parole", 15), ("Custodial Arrest", 12), ("Criminal Alien Program", 5),
            ("Law Enforcement Agency Response Unit", 4), ("ERO Reprocessed Arrest", 3), ("Other Task Force", 2),
            ("Other efforts", 2), ("Worksite Enforcement", 1), ("Traffic Check", 1),
        ])
        currentPrograms = Choices([
            ("ERO Criminal Alien Program", 600), ("Fugitive Operations", 150), ("287G Program", 80),
            ("Non-Detained Docket Control", 80), ("Detained Docket Control", 40), ("Border Patrol", 30),
            ("Alternatives to Detention", 10), ("Homeland Security Investigations", 10),
        ])
        liftReasons = Choices([
            ("", 500), ("Booked into Detention", 520), ("Case Closed", 42), ("Lifted", 36), ("Transferred", 10),
            ("Detainer Declined by LEA", 12), ("Alien Not Subject to Deportation", 4),
            ("United States Citizen Interviewed", 3), ("Prosecutorial Discretion", 3), ("Early Release", 2),
            ("Died", 1), ("Lifted - Lack of Funds", 1), ("Lifted - Lack of Space", 1),
        ])
        otherRemovalReasons = Choices([
            ("VISA OVERSTAY", 30), ("PRIOR REMOVAL ORDER", 25), ("ALIEN SMUGGLING", 10),
            ("FAILURE TO DEPART, VOLUNTARY DEPARTURE", 10), ("FRAUDULENT DOCUMENTS", 10), ("LPR, CIMT CONVICTION", 10),
        ])
        otherRemovalReasonsWithBreak = Choices([
            ("PRIOR REMOVAL ORDER\nSEE I-213 NARRATIVE", 40), ("VISA OVERSTAY\nSTATUS VIOLATION", 30),
            ("LPR, CIMT CONVICTION\nNTA ISSUED", 30),
        ])
        threatBySeverity = [
            Choices([("1", 40), ("2", 30), ("3", 25), ("", 5)]),
            Choices([("1", 75), ("2", 15), ("3", 5), ("", 5)]),
            Choices([("1", 35), ("2", 45), ("3", 15), ("", 5)]),
            Choices([("1", 15), ("2", 32), ("3", 48), ("", 5)]),
        ]
    }

    /// Encodes one value as a CSV field: quoted only when it holds a comma, quote, CR or LF.
    static func csvField(_ value: String) -> [UInt8] {
        let bytes = Array(value.utf8)
        guard bytes.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0D || $0 == 0x0A }) else { return bytes }
        var quoted: [UInt8] = [0x22]
        for byte in bytes {
            if byte == 0x22 { quoted.append(0x22) }
            quoted.append(byte)
        }
        quoted.append(0x22)
        return quoted
    }
}

extension SampleVocabulary {
    /// Facilities as (state, area index, name, code, city, weight); names follow ICE's spelling.
    ///
    /// California and Texas carry the most weight; Vermont and Wyoming are deliberately tiny.
    /// Comma-bearing names (`MONTGOMERY CNTY JAIL, PA`) and one with embedded quotes exercise quoting.
    static let facilityTable: [(String, Int, String, String, String, UInt64)] = [
        ("CALIFORNIA", 0, "LOS ANGELES COUNTY JAIL", "LOSANCA", "LOS ANGELES", 90),
        ("CALIFORNIA", 0, "ORANGE COUNTY JAIL", "ORANGCA", "SANTA ANA", 35),
        ("CALIFORNIA", 0, "SAN BERNARDINO CNTY JAIL, CA", "SANBECA", "SAN BERNARDINO", 25),
        ("CALIFORNIA", 0, "RIVERSIDE COUNTY JAIL", "RIVERCA", "RIVERSIDE", 20),
        ("CALIFORNIA", 1, "SANTA CLARA COUNTY JAIL", "SANTCCA", "SAN JOSE", 15),
        ("CALIFORNIA", 1, "FRESNO COUNTY JAIL", "FRESNCA", "FRESNO", 15),
        ("CALIFORNIA", 1, "SACRAMENTO COUNTY JAIL", "SACRACA", "SACRAMENTO", 10),
        ("CALIFORNIA", 2, "SAN DIEGO COUNTY JAIL", "SANDICA", "SAN DIEGO", 25),
        ("CALIFORNIA", 2, "IMPERIAL COUNTY JAIL", "IMPERCA", "EL CENTRO", 5),
        ("TEXAS", 3, "HARRIS COUNTY JAIL", "HARRITX", "HOUSTON", 80),
        ("TEXAS", 3, "MONTGOMERY COUNTY JAIL, TX", "MONTGTX", "CONROE", 10),
        ("TEXAS", 4, "DALLAS COUNTY JAIL", "DALLATX", "DALLAS", 40),
        ("TEXAS", 4, "TARRANT COUNTY JAIL", "TARRATX", "FORT WORTH", 25),
        ("TEXAS", 5, "BEXAR COUNTY JAIL", "BEXARTX", "SAN ANTONIO", 25),
        ("TEXAS", 5, "BEXAR COUNTY JAIL \"ANNEX\"", "BEXANTX", "SAN ANTONIO", 1),
        ("TEXAS", 5, "TRAVIS COUNTY JAIL", "TRAVITX", "AUSTIN", 20),
        ("TEXAS", 5, "HIDALGO COUNTY JAIL", "HIDALTX", "EDINBURG", 20),
        ("TEXAS", 6, "EL PASO COUNTY JAIL", "ELPASTX", "EL PASO", 15),
        ("ARIZONA", 7, "MARICOPA COUNTY JAIL", "MARICAZ", "PHOENIX", 45),
        ("ARIZONA", 7, "PIMA COUNTY JAIL", "PIMACAZ", "TUCSON", 12),
        ("ARIZONA", 7, "ARIZONA STATE PRISON, FLORENCE", "ASPCFAZ", "FLORENCE", 8),
        ("FLORIDA", 8, "MIAMI-DADE COUNTY JAIL", "MIAMIFL", "MIAMI", 25),
        ("FLORIDA", 8, "BROWARD COUNTY JAIL", "BROWAFL", "FORT LAUDERDALE", 15),
        ("FLORIDA", 8, "HILLSBOROUGH COUNTY JAIL", "HILLSFL", "TAMPA", 12),
        ("NEW YORK", 9, "RIKERS ISLAND, NY", "RIKERNY", "EAST ELMHURST", 25),
        ("NEW YORK", 9, "NASSAU COUNTY JAIL", "NASSANY", "EAST MEADOW", 8),
        ("NEW YORK", 10, "ERIE COUNTY HOLDING CENTER", "ERIECNY", "BUFFALO", 3),
        ("GEORGIA", 11, "GWINNETT COUNTY JAIL", "GWINNGA", "LAWRENCEVILLE", 18),
        ("GEORGIA", 11, "COBB COUNTY JAIL", "COBBCGA", "MARIETTA", 12),
        ("NORTH CAROLINA", 11, "MECKLENBURG COUNTY JAIL", "MECKLNC", "CHARLOTTE", 14),
        ("NORTH CAROLINA", 11, "WAKE COUNTY JAIL", "WAKECNC", "RALEIGH", 8),
        ("ILLINOIS", 12, "COOK COUNTY JAIL", "COOKCIL", "CHICAGO", 22),
        ("NEW JERSEY", 13, "ESSEX COUNTY CORRECTIONAL FAC", "ESSEXNJ", "NEWARK", 12),
        ("NEW JERSEY", 13, "MIDDLESEX COUNTY JAIL, NJ", "MIDDLNJ", "NEW BRUNSWICK", 8),
        ("PENNSYLVANIA", 14, "MOSHANNON VALLEY CORRECTIONAL", "MOSHAPA", "PHILIPSBURG", 6),
        ("PENNSYLVANIA", 14, "MONTGOMERY CNTY JAIL, PA", "MONTGPA", "NORRISTOWN", 4),
        ("PENNSYLVANIA", 14, "PHILADELPHIA DETENTION CT", "PHILAPA", "PHILADELPHIA", 4),
        ("PENNSYLVANIA", 14, "BUCKS CNTY JAIL, PA", "BUCKSPA", "DOYLESTOWN", 2),
        ("WASHINGTON", 15, "YAKIMA COUNTY", "YIKIMWA", "YAKIMA", 5),
        ("WASHINGTON", 15, "GRANT COUNTY", "GRANTWA", "EPHRATA", 4),
        ("WASHINGTON", 15, "CLARK COUNTY JAIL", "CLARKWA", "VANCOUVER", 3),
        ("WASHINGTON", 15, "CHELAN CO. REGIONAL JAIL", "CHELAWA", "WENATCHEE", 3),
        ("MINNESOTA", 16, "MINN.C.F.,ST.CLOUD", "MNCFSTC", "ST. CLOUD", 2),
        ("MINNESOTA", 16, "HENNEPIN COUNTY JAIL", "HENNEMN", "MINNEAPOLIS", 4),
        ("COLORADO", 17, "DENVER COUNTY JAIL", "DENVECO", "DENVER", 8),
        ("COLORADO", 17, "ARAPAHOE COUNTY JAIL", "ARAPACO", "CENTENNIAL", 4),
        ("WYOMING", 17, "LARAMIE COUNTY JAIL", "LARAMWY", "CHEYENNE", 1),
        ("VERMONT", 18, "NORTHWEST STATE CORR. FAC., VT", "NWSCFVT", "SWANTON", 1),
    ]

    /// MSC offenses as (code, ICE name, kind, severity, weight per ~1,000 convictions).
    ///
    /// Codes are NIEM 5.0.1 NCIC codes or ICE alphanumeric codes (CODEBOOK.md §3); names are the
    /// title-case wording seen in DDP releases. Weights follow the DDP ranking (DUI first).
    static let offenseTable: [(String, String, OffenseKind, Int, UInt64)] = [
        ("5404", "Driving Under Influence Liquor", .traffic, 3, 160),
        ("0301", "Illegal Entry (INA SEC.101(a)(43)(O), 8USC1325 only)", .illegalEntry, 3, 90),
        ("1399", "Assault", .violent, 2, 75), ("5499", "Traffic Offense", .traffic, 3, 70),
        ("03AB", "Illegal Re-Entry (INA SEC.101(a)(43)(O), 8USC1326 only)", .illegalReentry, 2, 60),
        ("35AB", "Drug Trafficking", .drug, 1, 45), ("2399", "Larceny", .property, 3, 40),
        ("2299", "Burglary", .property, 2, 35), ("3599", "Dangerous Drugs", .drug, 2, 35),
        ("13AB", "Domestic Violence", .violent, 2, 35), ("35AA", "Drug Possession", .drug, 3, 25),
        ("1313", "Simple Assault", .violent, 3, 22), ("1199", "Sex Assault", .violent, 1, 20),
        ("4801", "Resisting Officer", .other, 3, 18), ("0303", "Smuggling Aliens", .other, 2, 15),
        ("1315", "Aggravated Assault - Weapon", .violent, 1, 15), ("7399", "Public Order Crimes", .other, 3, 15),
        ("5707", "Trespassing", .other, 3, 14), ("3530", "Cocaine - Sell", .drug, 1, 12),
        ("1299", "Robbery", .violent, 1, 12), ("5212", "Possession Of Weapon", .weapon, 2, 12),
        ("5299", "Weapon Offense", .weapon, 2, 12), ("2404", "Vehicle Theft", .property, 2, 12),
        ("2699", "Fraud", .property, 2, 12), ("5401", "Hit and Run", .traffic, 3, 10),
        ("5403", "Driving Under Influence Drugs", .traffic, 3, 10), ("3562", "Marijuana - Possession", .drug, 3, 10),
        ("3532", "Cocaine - Possession", .drug, 3, 8), ("3699", "Sex Offense", .violent, 2, 8),
        ("5311", "Disorderly Conduct", .other, 3, 8), ("1206", "Robbery - Street-Strongarm", .violent, 1, 6),
        ("2589", "Forgery", .property, 2, 6), ("3802", "Cruelty Toward Child", .violent, 2, 6),
        ("70AA", "Identity Theft", .property, 2, 5), ("1103", "Rape - Strongarm", .violent, 1, 4),
        ("1316", "Intimidation", .violent, 2, 4), ("4104", "Liquor - Possess", .other, 3, 4),
        ("4899", "Obstruct Police", .other, 3, 4), ("5203", "Carrying Prohibited Weapon", .weapon, 2, 4),
        ("1304", "Aggravated Assault - Non-family-Gun", .violent, 1, 3), ("3561", "Marijuana - Smuggle", .drug, 2, 3),
        ("0999", "Homicide", .violent, 1, 2), ("09AA", "Voluntary - Manslaughter", .violent, 1, 1),
    ]

    /// Citizenship countries as ICE spells them (`CHINA, PEOPLES REPUBLIC OF` needs quoting).
    static let countryTable: [(String, UInt64)] = [
        ("MEXICO", 620), ("GUATEMALA", 80), ("HONDURAS", 70), ("EL SALVADOR", 60), ("DOMINICAN REPUBLIC", 20),
        ("ECUADOR", 12), ("COLOMBIA", 10), ("JAMAICA", 10), ("CUBA", 8), ("NICARAGUA", 8), ("INDIA", 8),
        ("HAITI", 6), ("CHINA, PEOPLES REPUBLIC OF", 6), ("VIETNAM", 5), ("PHILIPPINES", 5), ("BRAZIL", 5),
        ("PERU", 5), ("NIGERIA", 3), ("VENEZUELA", 3), ("KOREA, SOUTH", 3), ("PAKISTAN", 3), ("SOMALIA", 3),
        ("CANADA", 3), ("LAOS", 2), ("POLAND", 2), ("BELIZE", 2), ("UNITED KINGDOM", 2), ("TONGA", 1), ("UNKNOWN", 2),
    ]

    /// Case categories (DDP-R pointblank allowed set); blank means no case is linked.
    static let caseCategoryTable: [(String, UInt64)] = [
        ("", 600), ("[16] Reinstated Final Order", 150), ("[2A] Deportable - Under Adjudication by IJ", 140),
        ("[8C] Excludable / Inadmissible - Administrative Final Order Issued", 110),
        ("[3] Deportable - Administratively Final Order", 80), ("[11] Administrative Deportation / Removal", 50),
        ("[8F] Expedited Removal", 40), ("[8B] Excludable / Inadmissible - Under Adjudication by IJ", 25),
        ("[8A] Excludable / Inadmissible - Hearing Not Commenced", 20), ("[5B] Removable - ICE Fugitive", 20),
        ("[2B] Deportable - Under Adjudication by BIA", 15), ("[12] Judicial Deportation / Removal", 5),
        ("[5D] Final Order of Deportation / Removal - Deferred Action Granted", 5),
        ("[1A] Voluntary Departure - Un-Expired and Un-Extended Departure Period", 5),
        ("[8D] Excludable / Inadmissible - Under Adjudication by BIA", 5),
        ("[5C] Relief Granted - Withholding of Deportation / Removal", 3),
        ("[10] Visa Waiver Deportation / Removal", 2),
    ]
}
