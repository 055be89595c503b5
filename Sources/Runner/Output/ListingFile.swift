import Foundation
import Reports

/// A row-level listing (rejects, duplicates, findings) streamed to disk as it grows, so a file with
/// many problems does not hold them all in memory.
final class ListingFile {
    private let handle: FileHandle
    private(set) var rows = 0
    let name: String

    init(folder: OutputFolder, name: String, header: OutputFile) throws {
        self.name = name
        let path = folder.path(name)
        _ = FileManager.default.createFile(atPath: path, contents: Data(header.bytes))
        guard let handle = FileHandle(forWritingAtPath: path) else {
            throw RunnerError.outputFolder(path: path, reason: "cannot open the file for writing")
        }
        handle.seekToEndOfFile()
        self.handle = handle
    }

    /// Appends data rows already formatted as CSV (no header).
    func append(_ body: String) {
        guard !body.isEmpty else { return }
        // Straight from the string's storage, rows counted by their CRLF endings: no copy of a
        // listing that can run to tens of megabytes.
        var body = body
        body.withUTF8 { bytes in
            handle.write(Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: bytes.baseAddress!), count: bytes.count, deallocator: .none))
            var previous: UInt8 = 0
            for byte in bytes {
                if byte == 10 && previous == 13 { rows += 1 }
                previous = byte
            }
        }
    }

    func close() { try? handle.close() }
}
