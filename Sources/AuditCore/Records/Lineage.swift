/// Where a record came from: enough to find it again in the raw file.
///
/// `line` is the physical line the record starts on (1-based, counting every line of the file,
/// preamble included); `record` is the 1-based CSV record number, which differs from the line once a
/// quoted field holds a line break.
package struct Lineage: Sendable, Hashable, Codable {
    package var file: String
    package var line: Int
    package var record: Int

    package init(file: String, line: Int, record: Int) {
        self.file = file
        self.line = line
        self.record = record
    }
}
