import AuditCore
import Foundation
import Reports

/// One input file's rows of a row-level listing (rejects, duplicates, findings): CSV data rows, no
/// header, in a file of their own beside the file's cached result (or in a temporary folder), so that
/// no listing is ever held in memory whole. The run appends the parts to the published listing.
struct ListingPart: Codable, Sendable, Equatable {
    /// File name inside the part folder.
    var name: String
    var rows: Int
    var bytes: Int
    var sha256: String

    /// Whether the part in `folder` still has the size and hash it was written with.
    func verify(in folder: String) -> Bool {
        guard let hashed = try? FileDigest.of(path: folder + "/" + name, display: name) else { return false }
        return hashed.bytes == bytes && hashed.sha256 == sha256
    }
}

/// Streams one listing part to disk: rows gather in a small headerless CSV document and are written
/// once it holds 64 KiB.
final class ListingPartWriter {
    private let file: AppendingFile
    private let name: String
    private let path: String
    private var document = CSVDocument()
    private var digest = StreamingDigest()
    private var rows = 0
    private var closed = false
    /// The first write that failed; `finish` throws it.
    private var failure: RunnerError?

    init(folder: String, name: String) throws {
        let path = folder + "/" + name
        file = try AppendingFile(creating: path, action: "write a listing part")
        self.name = name
        self.path = path
    }

    func append<Item>(_ item: Item, as listing: RecordListings.Listing<Item>) {
        listing.append(item, to: &document)
        if document.data.count >= 64 << 10 { flush() }
    }

    /// `count` rows already encoded by a headerless `CSVDocument`.
    func appendRows(_ encoded: UnsafeRawBufferPointer, count: Int) {
        document.appendRows(encoded, count: count)
        if document.data.count >= 64 << 10 { flush() }
    }

    private func flush() {
        rows += document.rowCount
        if failure == nil && !document.data.isEmpty {
            do {
                try DiskFile.withBytes(document.data) { bytes throws(RunnerError) in
                    digest.update(bytes)
                    try file.write(bytes)
                }
            } catch { failure = error }
        }
        document.removeAll()
    }

    /// Writes what is left and closes the file.
    func finish() throws -> ListingPart {
        flush()
        closed = true
        if let failure { throw failure }
        try file.close()
        return ListingPart(name: name, rows: rows, bytes: digest.bytes, sha256: digest.finalize())
    }

    /// Closes the file after a failed read (the part is thrown away with its folder).
    func abandon() {
        guard !closed else { return }
        closed = true
        file.abandon()
    }
}
