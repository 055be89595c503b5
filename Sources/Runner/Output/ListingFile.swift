import Foundation
import Reports

/// A row-level listing (rejects, duplicates, findings) streamed to disk as it grows, so a file with
/// many problems does not hold them all in memory.
final class ListingFile {
    private let file: AppendingFile
    private(set) var rows = 0
    let name: String

    init(folder: OutputFolder, name: String, header: OutputFile) throws(RunnerError) {
        self.name = name
        file = try AppendingFile(creating: folder.path(name), action: "write a listing")
        try file.write(header.bytes)
    }

    /// Appends one input file's part of the listing (data rows, no header), streamed from `folder`.
    func append(_ part: ListingPart, from folder: String) throws(RunnerError) {
        guard part.rows > 0 else { return }
        let path = folder + "/" + part.name
        guard let source = FileHandle(forReadingAtPath: path) else {
            throw .disk(path: path, action: "read a listing part", reason: "it is missing")
        }
        defer { try? source.close() }
        do {
            while let chunk = try source.read(upToCount: 1 << 20), !chunk.isEmpty {
                try DiskFile.withBytes(chunk) { bytes throws(RunnerError) in try file.write(bytes) }
            }
        } catch let error as RunnerError {
            throw error
        } catch {
            throw .disk(path: path, action: "read a listing part", reason: DiskFile.reason(of: error))
        }
        rows += part.rows
    }

    func close() throws(RunnerError) { try file.close() }
}
