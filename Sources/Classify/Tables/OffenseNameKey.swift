/// Folds an offense name so that ICE's spellings of one NCIC literal compare equal.
///
/// ICE writes MSC charges as the NCIC code manual's long literals ("Burglary - Forced Entry-Residence",
/// "Aggravated Assault - Police Officer-Strongarm"), while NIEM's code list abbreviates them
/// ("BURGL - FORCED ENTRY-RESID", "AGGRAV ASSLT - POL OFF-STGARM"). Both fold to one key: lower case;
/// every run of characters other than letters and digits is one space; "non" joins the next word
/// ("Non-Residence" = "NONRESID"); the standard NCIC abbreviations are spelled out.
///
/// The loose key also drops what the NCIC manual adds as instructions to the clerk rather than to
/// the offense: text in parentheses or brackets ("(prosecution, confinement, etc.)", "[use when no
/// underlying offense …]"), "see MIS" and a trailing "remarks" ("Rape - Remarks" is NCIC's "RAPE",
/// details in the remarks field). A loose key that two codes share is not used.
enum OffenseNameKey {
    /// The key with every word kept.
    static func exact(_ name: String) -> String { fold(name, loose: false) }

    /// The key without bracketed text and clerk's instructions.
    static func loose(_ name: String) -> String { fold(name, loose: true) }

    private static func fold(_ name: String, loose: Bool) -> String {
        var words: [String] = []
        var word = ""
        var depth = 0
        for character in name.lowercased() {
            if loose, character == "(" || character == "[" { depth += 1 }
            if depth == 0, character.isLetter || character.isNumber, character.isASCII {
                word.append(character)
            } else if !word.isEmpty {
                words.append(word)
                word = ""
            }
            if loose, depth > 0, character == ")" || character == "]" { depth -= 1 }
        }
        if !word.isEmpty { words.append(word) }
        return spelledOut(joiningNon(words), loose: loose).joined(separator: " ")
    }

    /// "non" + "family" → "nonfamily", as NIEM writes it.
    private static func joiningNon(_ words: [String]) -> [String] {
        var out: [String] = []
        var index = 0
        while index < words.count {
            if words[index] == "non", index + 1 < words.count {
                out.append("non" + words[index + 1])
                index += 2
            } else {
                out.append(words[index])
                index += 1
            }
        }
        return out
    }

    private static func spelledOut(_ words: [String], loose: Bool) -> [String] {
        var out: [String] = []
        var index = 0
        while index < words.count {
            let word = words[index]
            let next = index + 1 < words.count ? words[index + 1] : nil
            if let next, let pair = pairs[word + " " + next] {
                out.append(contentsOf: pair)
                index += 2
                continue
            }
            if loose, word == "see", next == "mis" {
                index += 2
                continue
            }
            out.append(contentsOf: (abbreviations[word] ?? word).split(separator: " ").map(String.init))
            index += 1
        }
        if loose, out.count > 1, out.last == "remarks" { out.removeLast() }
        return out
    }

    /// Two-word abbreviations whose second word alone means something else ("off" is an officer here).
    private static let pairs: [String: [String]] = [
        "pol off": ["police", "officer"], "pub off": ["public", "officer"], "public official": ["public", "officer"],
    ]

    /// The NCIC abbreviations in NIEM 5.0.1's OFF code list (all of them, read off the list), and
    /// spellings ICE uses for the same word.
    private static let abbreviations: [String: String] = [
        "aggrav": "aggravated", "asslt": "assault", "bldg": "building", "burgl": "burglary", "condit": "conditional",
        "contrib": "contributing", "delinq": "delinquency", "deriv": "derivative", "disord": "disorderly",
        "distrib": "distribution", "equip": "equipment", "govt": "government", "illeg": "illegal",
        "imperson": "impersonating", "info": "information", "inst": "institution", "insuff": "insufficient",
        "judic": "judicial", "larc": "larceny", "mansl": "manslaughter", "mfr": "manufacturing", "neglig": "negligent",
        "nonresid": "nonresidence", "poss": "possession", "possess": "possession", "possessing": "possession",
        "prob": "probation", "prop": "property", "pub": "public", "purp": "purposes", "receiv": "receiving",
        "recog": "recognizance", "reserv": "reservation", "resid": "residence", "smuggl": "smuggle",
        "smuggling": "smuggle",
        "stat": "statutory", "stgarm": "strongarm", "synth": "synthetic", "transp": "transport", "trnsp": "transport",
        "unauth": "unauthorized", "veh": "vehicle", "vio": "violation", "extort": "extortion",
        "manufacture": "manufacturing",
    ]
}
