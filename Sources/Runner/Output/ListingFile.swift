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

    /// Appends one input file's part of the listing (data rows, no header), streamed from `folder`.
    func append(_ part: ListingPart, from folder: String) throws {
        guard part.rows > 0 else { return }
        let path = folder + "/" + part.name
        guard let source = FileHandle(forReadingAtPath: path) else {
            throw RunnerError.outputFolder(path: path, reason: "a listing part is missing")
        }
        defer { try? source.close() }
        while let chunk = try source.read(upToCount: 1 << 20), !chunk.isEmpty { handle.write(chunk) }
        rows += part.rows
    }

    func close() { try? handle.close() }
}
