/// One finished output: its file name inside the output folder and its bytes.
package struct OutputFile: Sendable {
    package var name: String
    package var bytes: [UInt8]
    /// Data rows, for the manifest (nil for non-tabular files).
    package var rows: Int?

    package init(name: String, bytes: [UInt8], rows: Int?) {
        self.name = name
        self.bytes = bytes
        self.rows = rows
    }

    package init(name: String, document: CSVDocument) {
        self.init(name: name, bytes: document.data, rows: document.rowCount)
    }
}
