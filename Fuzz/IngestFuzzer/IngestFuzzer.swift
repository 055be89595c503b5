import AuditCore
import Foundation
import Ingest

#if canImport(Glibc)
    import Glibc
#endif

// The ingest stage under hostile bytes. One input is read many ways — every delimiter and
// encoding, a second pipeline, small chunk sizes, from memory and from a file, and through
// `inspect` — and every way must keep the ingest contract. A crash, a sanitizer report or a
// `violation` (a deliberate trap with a message) is a finding; an `IngestError` is a fine answer.
//
// Built two ways (scripts/fuzz):
// - `swift build` (no FUZZING): an ordinary executable that replays files and folders given as
//   arguments through the same checks and exits 0 when all hold (1 and a message otherwise).
// - `-sanitize=fuzzer,address -DFUZZING -parse-as-library`: exports LLVMFuzzerTestOneInput for libFuzzer.

/// Everything one read produced, comparable across ways of reading the same bytes.
struct Outcome: Equatable {
    enum Event: Equatable {
        case record(SourceRecord, RowFingerprint)
        case reject(Reject)
    }

    var events: [Event] = []
    var header: FileIngestSummary?
    var summary: FileIngestSummary?
    var error: IngestError?
}

enum IngestFuzz {
    /// The quoted-fields fixture's pipeline, plus a count column, an extra redaction marker and the
    /// charge-lists fixture's list column (JSON in cells, read and compared like every field).
    static let mainPipelineJSON = """
        {"name": "fuzz-main",
         "source": {"delimiter": "comma", "encoding": "utf-8", "header_search_rows": 10,
                    "missing_markers": ["", "NA"], "redaction_markers": ["WITHHELD"], "date_formats": ["iso", "us"]},
         "charges": {"names": ["criminal_charges"], "format": "json", "required_keys": ["status"],
                     "keys": {"category": "NCIC_CATEGORY", "status": "CHARGE_STATUS", "date": "CHARGE_DATE"},
                     "null_markers": ["IIDS ETL NULL"]},
         "columns": {"date": {"names": ["Detainer Prepare Date", "detainer_prepare_date", "doc_completion_date"],
                              "required": true},
                     "state": ["Facility State", "facility_state"],
                     "facility": ["Detainer Facility", "detention_facility"],
                     "criminality": ["Detainer Criminality", "detainer_prepared_criminality"],
                     "msc_code": ["MSC Charge Code", "msc_charge_code"],
                     "person_id": ["Anonymized Identifier", "unique_identifier"],
                     "count": ["Count"]},
         "reports": [{"name": "by_state", "group_by": ["state"]}]}
        """

    /// The count-column fixture's shape without a required field: the first row naming any column is the header.
    static let countPipelineJSON = """
        {"name": "fuzz-count",
         "source": {"delimiter": "comma", "header_search_rows": 3, "date_formats": ["us", "iso"]},
         "columns": {"date": ["Fiscal Year"], "county": ["County"], "state": ["State"],
                     "criminality": ["Level"], "count": ["Count"], "msc_code": ["MSC"]},
         "reports": [{"name": "by_county", "group_by": ["county"]}]}
        """

    static func pipeline(_ json: String, delimiter: Delimiter? = nil, encoding: TextEncoding? = nil)
        -> PipelineDefinition
    {
        do {
            var pipeline = try JSONDecoder().decode(PipelineDefinition.self, from: Data(json.utf8))
            if let delimiter { pipeline.source.delimiter = delimiter }
            if let encoding { pipeline.source.encoding = encoding }
            let issues = pipeline.validate()
            if !issues.isEmpty { fatalError("fuzz pipeline invalid: \(issues)") }
            return pipeline
        } catch {
            fatalError("fuzz pipeline does not decode: \(error)")
        }
    }

    /// The main pipeline with every delimiter, then with the other encodings, then the count pipeline.
    /// (Delimiter and encoding do not interact: the encoding applies to a cell after parsing, so every
    /// delimiter with UTF-8 plus every encoding with commas covers them at a third of the full product.)
    static let readers: [RecordReader] = {
        var readers = Delimiter.allCases.map {
            RecordReader(pipeline: pipeline(mainPipelineJSON, delimiter: $0, encoding: .utf8))
        }
        for encoding in TextEncoding.allCases where encoding != .utf8 {
            readers.append(RecordReader(pipeline: pipeline(mainPipelineJSON, delimiter: .comma, encoding: encoding)))
        }
        readers.append(RecordReader(pipeline: pipeline(countPipelineJSON)))
        return readers
    }()

    static let displayName = "fuzz.csv"

    /// A scratch file for the path-based reader and `inspect`, one per process (libFuzzer runs inputs one at a time).
    static let scratchPath: String = {
        let folder = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
        return (folder as NSString).appendingPathComponent("ingest-fuzz-\(getpid()).csv")
    }()

    static func violation(_ message: String, _ bytes: [UInt8]) -> Never {
        let preview = String(decoding: bytes.prefix(200), as: UTF8.self).debugDescription
        fatalError("ingest invariant violated: \(message)\ninput (\(bytes.count) bytes) starts: \(preview)")
    }

    /// Physical lines of plain (not gzip) input as README counts them: LF, CRLF or a lone CR ends one.
    static func physicalLines(_ bytes: [UInt8]) -> Int {
        var lines = 1
        var index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while index < bytes.count {
            if bytes[index] == 10 {
                lines += 1
            } else if bytes[index] == 13 {
                lines += 1
                if index + 1 < bytes.count, bytes[index + 1] == 10 { index += 1 }
            }
            index += 1
        }
        return lines
    }

    /// Reads `bytes` (from memory, or from `path` when given) and checks the per-read invariants.
    static func read(_ reader: RecordReader, _ bytes: [UInt8], chunkSize: Int = 1 << 20, path: String? = nil) -> Outcome
    {
        var outcome = Outcome()
        var records = 0
        var rejects = 0
        var lastRecord = 0
        var lastLine = 0
        var headerLine: Int?
        let maxLine = bytes.starts(with: [0x1F, 0x8B]) ? Int.max : physicalLines(bytes)
        func check(_ lineage: Lineage, _ what: String) {
            guard let headerLine else { violation("\(what) delivered before the header", bytes) }
            if lineage.file != displayName { violation("\(what) names file '\(lineage.file)'", bytes) }
            if lineage.record != lastRecord + 1 {
                violation("\(what) is record \(lineage.record) after record \(lastRecord)", bytes)
            }
            if lineage.line <= max(lastLine, headerLine) {
                violation(
                    "\(what) \(lineage.record) is on line \(lineage.line), not after line \(max(lastLine, headerLine))",
                    bytes)
            }
            if lineage.line > maxLine {
                violation("\(what) \(lineage.record) is on line \(lineage.line) of a \(maxLine)-line input", bytes)
            }
            lastRecord = lineage.record
            lastLine = lineage.line
        }
        let onHeader: (FileIngestSummary) -> Void = { summary in
            if headerLine != nil { violation("onHeader called twice", bytes) }
            if summary.headerLine < 1 || summary.headerLine > maxLine {
                violation("header on line \(summary.headerLine)", bytes)
            }
            headerLine = summary.headerLine
            outcome.header = summary
        }
        let onRecord: (SourceRecord, RowFingerprint) -> Void = { record, fingerprint in
            check(record.lineage, "record")
            records += 1
            if record.weight < 0 { violation("negative weight \(record.weight)", bytes) }
            if record.values.count != Field.allCases.count {
                violation("record has \(record.values.count) values", bytes)
            }
            outcome.events.append(.record(record, fingerprint))
        }
        let onReject: (Reject) -> Void = { reject in
            check(reject.lineage, "reject")
            rejects += 1
            if reject.reason.isEmpty { violation("reject without a reason", bytes) }
            if reject.raw.utf8.count > 300 * 3 {
                violation("reject raw preview of \(reject.raw.utf8.count) bytes", bytes)
            }
            outcome.events.append(.reject(reject))
        }
        do {
            let summary =
                if let path {
                    try reader.read(
                        path: path, displayName: displayName, onHeader: onHeader, onRecord: onRecord, onReject: onReject
                    )
                } else {
                    try reader.read(
                        bytes: bytes, displayName: displayName, chunkSize: chunkSize, onHeader: onHeader,
                        onRecord: onRecord, onReject: onReject)
                }
            // The ingest contract: every data row is a record or a reject, each exactly once.
            if summary.rowsRead != records + summary.rowsRejected || summary.rowsRejected != rejects
                || lastRecord != summary.rowsRead
            {
                violation(
                    "rows read \(summary.rowsRead) != records \(records) + rejected \(summary.rowsRejected) (\(rejects) reject calls, last record \(lastRecord))",
                    bytes)
            }
            if headerLine == nil || summary.headerLine != headerLine { violation("summary without onHeader", bytes) }
            if summary.bytes != bytes.count {
                violation("summary says \(summary.bytes) bytes of \(bytes.count)", bytes)
            }
            if summary.preambleRows < 0 || summary.preambleRows >= summary.headerLine {
                violation("preamble \(summary.preambleRows) above header line \(summary.headerLine)", bytes)
            }
            outcome.summary = summary
        } catch let error as IngestError {
            let text = error.description
            if !text.hasPrefix(displayName) { violation("error does not name the file: \(text)", bytes) }
            outcome.error = error
        } catch {
            violation("an error that is not an IngestError escaped: \(error)", bytes)
        }
        return outcome
    }

    /// Cell-level parsers on slices of the input.
    static func probeCells(_ bytes: [UInt8]) {
        let cut = bytes.isEmpty ? 0 : Int(bytes[0]) % (bytes.count + 1)
        for slice in [bytes[...], bytes[cut...], bytes[..<cut], bytes.prefix(64)] {
            // Redaction: a slice and a fresh copy of it must agree (index arithmetic on slices), and case does not matter.
            let marker = IngestProbes.isRedactionMarker(slice)
            if marker != IngestProbes.isRedactionMarker(ArraySlice(Array(slice))) {
                violation("redaction matcher depends on slice offset", bytes)
            }
            let upper = slice.map { $0 >= 97 && $0 <= 122 ? $0 - 32 : $0 }
            if marker != IngestProbes.isRedactionMarker(upper[...]) {
                violation("redaction matcher depends on case", bytes)
            }
            // UTF-8 validation agrees with the standard library's.
            let invalid = IngestProbes.firstInvalidUTF8(slice)
            let stdlibValid = String(validating: slice, as: UTF8.self) != nil
            if (invalid == nil) != stdlibValid {
                violation(
                    "UTF-8 validation disagrees with the standard library (first invalid \(String(describing: invalid)))",
                    bytes)
            }
            if let invalid, !(slice.startIndex..<slice.endIndex).contains(invalid) {
                violation("invalid UTF-8 index \(invalid) outside the slice", bytes)
            }
        }
        // Dates and offense codes on the first 16 cells (split at commas and line feeds).
        let text = String(decoding: bytes.prefix(4096), as: UTF8.self)
        for line in text.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" || $0 == "," }).prefix(16)
        {
            let cell = String(line)
            for formats in [[DateFormat.iso], [.us], [.iso, .us]] {
                guard let date = IngestProbes.parseDate(cell, formats: formats) else { continue }
                if !(1900...2100).contains(date.year) { violation("date year \(date.year) from '\(cell)'", bytes) }
                if IngestProbes.parseDate(date.isoString, formats: [.iso]) != date {
                    violation("date \(date.isoString) does not read back", bytes)
                }
                if IngestProbes.parseDate("\(date.month)/\(date.day)/\(date.year)", formats: [.us]) != date {
                    violation("US date \(date) does not read back", bytes)
                }
            }
            // Offense codes are normalised once at ingest and looked up as they are: a second pass must not change them.
            let code = OffenseCode.normalized(cell)
            if OffenseCode.normalized(code) != code {
                violation(
                    "offense code '\(cell)' normalises to '\(code)', then to '\(OffenseCode.normalized(code))'", bytes)
            }
        }
    }

    /// All checks for one input.
    static func run(_ bytes: [UInt8]) {
        probeCells(bytes)
        // Every delimiter and encoding, and the count pipeline: contract checks inside `read`.
        let base = read(readers[0], bytes)
        for reader in readers.dropFirst() { _ = read(reader, bytes) }
        let mainReader = readers[0]
        // Chunk boundaries must not change anything: CRLF, quotes and gzip blocks split across chunks.
        // (The fuzzer tries one size per input, from its last byte: 1 to 17 bytes; replay tries several.)
        #if FUZZING
            let sizes = [1 + (bytes.last.map { Int($0) } ?? 0) % 17]
        #else
            let sizes = [1, 2, 3, 5, 17, 4096]
        #endif
        for size in sizes {
            let chunked = read(mainReader, bytes, chunkSize: size)
            if chunked != base { violation("reading in \(size)-byte chunks differs:\n\(diff(base, chunked))", bytes) }
        }
        // The quote-free fast path must give libcsv's result (libcsv alone reads every byte here).
        var libcsvOnly = mainReader
        libcsvOnly.fastPath = false
        let arbiter = read(libcsvOnly, bytes, chunkSize: 1 + Int(bytes.last ?? 0) % 11)
        if arbiter != base { violation("libcsv alone and the fast path differ:\n\(diff(arbiter, base))", bytes) }
        // Parallel reading (blocks cut at record boundaries, parsed on worker threads) must equal the
        // sequential parse: block sizes of a few bytes, a short header search so workers start early.
        let seed = Int(bytes.first ?? 0) ^ Int(bytes.count)
        for (blockBytes, limitBytes) in [(1 + seed % 7, 1 + seed % 29), (1 + seed % 64, 4096)] {
            var shortWindow = mainReader.pipeline
            shortWindow.source.headerSearchRows = 1 + seed % 3
            let sequential = read(RecordReader(pipeline: shortWindow), bytes, chunkSize: 1 + seed % 13)
            let parallelReader = RecordReader(
                pipeline: shortWindow,
                parallelism: Parallelism(workers: 1 + seed % 3, blockBytes: blockBytes, limitBytes: limitBytes))
            let parallel = read(parallelReader, bytes, chunkSize: 1 + seed % 13)
            if parallel != sequential {
                violation(
                    "parallel reading (blocks of \(blockBytes) bytes) differs:\n\(diff(sequential, parallel))", bytes)
            }
        }
        // The in-memory reader must equal the file reader. Reading a file costs a zeroed 1 MiB buffer
        // per pass (ByteSource, and `inspect` reads three times), which dominates small inputs under
        // ASan, so the fuzzer does this for one input in `fileEvery` (chosen by content, so a finding
        // reproduces); replay does it for every input.
        if fileEvery <= 1 || contentHash(bytes) % UInt64(fileEvery) == 0, write(bytes, to: scratchPath) {
            let fromFile = read(mainReader, bytes, path: scratchPath)
            if fromFile != base { violation("file and memory readers differ:\n\(diff(fromFile, base))", bytes) }
            inspect(bytes)
        }
    }

    #if FUZZING
        static let fileEvery = Int(ProcessInfo.processInfo.environment["INGEST_FUZZ_FILE_EVERY"] ?? "") ?? 8
    #else
        static let fileEvery = 1
    #endif

    static func contentHash(_ bytes: [UInt8]) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return hash
    }

    static func inspect(_ bytes: [UInt8]) {
        for delimiter in [nil, Delimiter.comma] {
            do {
                let report = try Inspector.inspect(path: scratchPath, delimiter: delimiter, top: 3)
                if report.records < 0 || report.raggedRecords > report.records {
                    violation("inspect counted \(report.records) records, \(report.raggedRecords) ragged", bytes)
                }
                for column in report.columns where column.filled + column.missing + column.redacted > report.records {
                    violation("inspect: column '\(column.name)' has more cells than records", bytes)
                }
            } catch is IngestError {
            } catch {
                violation("inspect threw an error that is not an IngestError: \(error)", bytes)
            }
        }
    }

    static func diff(_ a: Outcome, _ b: Outcome) -> String {
        var lines: [String] = []
        func show<T>(_ value: T?) -> String { value.map { "\($0)" } ?? "-" }
        if a.header != b.header { lines.append("header: \(show(a.header))\n     vs \(show(b.header))") }
        if a.summary != b.summary { lines.append("summary: \(show(a.summary))\n      vs \(show(b.summary))") }
        if a.error != b.error { lines.append("error: \(show(a.error))\n    vs \(show(b.error))") }
        if a.events.count != b.events.count { lines.append("events: \(a.events.count) vs \(b.events.count)") }
        for index in 0..<max(a.events.count, b.events.count) {
            let left = index < a.events.count ? a.events[index] : nil
            let right = index < b.events.count ? b.events[index] : nil
            if left != right {
                lines.append("event \(index): \(show(left))\n      vs \(show(right))")
                break
            }
        }
        return lines.joined(separator: "\n")
    }

    /// Writes the whole input, replacing the file; false when the scratch file cannot be written.
    static func write(_ bytes: [UInt8], to path: String) -> Bool {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes {
                Glibc.write(descriptor, $0.baseAddress! + written, bytes.count - written)
            }
            if count < 0 {
                if errno == EINTR { continue }
                return false
            }
            written += count
        }
        return true
    }
}

#if FUZZING
    @_cdecl("LLVMFuzzerTestOneInput")
    public func ingestFuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
        let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
        IngestFuzz.run(bytes)
        return 0
    }

    /// libFuzzer's driver: `int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*UserCb)(const uint8_t *, size_t))`.
    /// Linked statically (not exported for dlsym); every argument is a pointer and the result an int,
    /// which the Swift and C calling conventions pass alike on x86_64 and arm64.
    @_silgen_name("LLVMFuzzerRunDriver")
    func LLVMFuzzerRunDriver(
        _ argc: UnsafeMutablePointer<CInt>,
        _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
        _ testOneInput: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
    ) -> CInt

    /// SwiftPM links every executable with its entry point renamed (`-entry-point-function-name
    /// IngestFuzzer_main` and `--defsym main=IngestFuzzer_main`), which takes the place of libFuzzer's
    /// own `main`; so this entry point hands the command line to libFuzzer's driver, as that `main` would.
    @main
    struct IngestFuzzerMain {
        static func main() {
            atexit { unlink(IngestFuzz.scratchPath) }
            var argc = CommandLine.argc
            var argv = CommandLine.unsafeArgv
            exit(LLVMFuzzerRunDriver(&argc, &argv, ingestFuzzerTestOneInput))
        }
    }
#else
    /// Replays inputs (files, or folders of files, e.g. a libFuzzer corpus) through the fuzz checks.
    @main
    struct IngestFuzzerReplay {
        static func main() {
            let arguments = CommandLine.arguments.dropFirst()
            if arguments.isEmpty || arguments.contains("--help") {
                print(
                    "usage: IngestFuzzer FILE_OR_FOLDER ...  (replays inputs through the ingest fuzz checks; see scripts/fuzz)"
                )
                return
            }
            var files: [String] = []
            for argument in arguments {
                var isFolder: ObjCBool = false
                guard FileManager.default.fileExists(atPath: argument, isDirectory: &isFolder) else {
                    FileHandle.standardError.write(Data("IngestFuzzer: \(argument): no such file or folder\n".utf8))
                    exit(1)
                }
                if isFolder.boolValue {
                    let names = (try? FileManager.default.subpathsOfDirectory(atPath: argument)) ?? []
                    for name in names.sorted() {
                        let path = (argument as NSString).appendingPathComponent(name)
                        var nested: ObjCBool = false
                        if FileManager.default.fileExists(atPath: path, isDirectory: &nested), !nested.boolValue {
                            files.append(path)
                        }
                    }
                } else {
                    files.append(argument)
                }
            }
            for file in files {
                guard let data = FileManager.default.contents(atPath: file) else {
                    FileHandle.standardError.write(Data("IngestFuzzer: \(file): cannot read\n".utf8))
                    exit(1)
                }
                IngestFuzz.run([UInt8](data))
            }
            unlink(IngestFuzz.scratchPath)
            print("IngestFuzzer: \(files.count) input\(files.count == 1 ? "" : "s") replayed, every check held")
        }
    }
#endif
