import AuditCore
import Foundation

/// A temporary file could not be written or read back.
package struct SpillError: Error, CustomStringConvertible, Sendable {
    package var description: String
}

/// An unlinked temporary file of records — eight 64-bit words, the length of a text (all ones:
/// none) and the text — appended through a buffer, then read back in order by cursors.
package final class SpillFile {
    package typealias Words = (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64)
    static let headerBytes = 72

    private let descriptor: Int32
    private let directory: String
    private let buffer: UnsafeMutableRawBufferPointer
    private var used = 0
    package private(set) var count = 0
    private var closed = false

    package init(directory: String, bufferBytes: Int = 64 << 10) throws(SpillError) {
        var template = Array((directory + "/detention-audit-spill-XXXXXX").utf8CString)
        let descriptor =
            WriteFaults.injected() ? -1 : template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else {
            throw SpillError(
                description:
                    "cannot create a temporary file in \(directory) (\(String(cString: strerror(errno)))); set TMPDIR to a writable folder"
            )
        }
        // Gone from the folder at once: the space is freed when the file is closed, even by a crash.
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        self.descriptor = descriptor
        self.directory = directory
        buffer = .allocate(byteCount: max(bufferBytes, Self.headerBytes), alignment: 8)
    }

    deinit {
        close()
        buffer.deallocate()
    }

    package func close() {
        guard !closed else { return }
        closed = true
        _ = Glibc.close(descriptor)
    }

    package func append(_ words: Words, text: UnsafeRawBufferPointer?) throws(SpillError) {
        let textBytes = text?.count ?? 0
        let header = (words, text.map { UInt64($0.count) } ?? UInt64.max)
        try withUnsafeBytes(of: header) { header throws(SpillError) in
            precondition(header.count == Self.headerBytes)
            if used + header.count + textBytes > buffer.count { try flush() }
            if header.count + textBytes > buffer.count {
                // A text longer than the buffer (a huge key field): straight to the file.
                try write(header)
                if let text { try write(text) }
            } else {
                UnsafeMutableRawBufferPointer(rebasing: buffer[used...]).copyMemory(from: header)
                if let text, textBytes > 0 {
                    UnsafeMutableRawBufferPointer(rebasing: buffer[(used + header.count)...]).copyMemory(from: text)
                }
                used += header.count + textBytes
            }
        }
        count += 1
    }

    private func flush() throws(SpillError) {
        try write(UnsafeRawBufferPointer(rebasing: buffer[..<used]))
        used = 0
    }

    private func write(_ bytes: UnsafeRawBufferPointer) throws(SpillError) {
        if let failure = WriteFaults.writeAll(descriptor, bytes) {
            throw SpillError(
                description:
                    "cannot write a temporary file in \(directory) (\(String(cString: strerror(failure)))); free space there or set TMPDIR to another folder"
            )
        }
    }

    /// A cursor over every record in the order appended (the file takes no more appends).
    package func cursor() throws(SpillError) -> SpillCursor {
        try flush()
        return SpillCursor(descriptor: descriptor, count: count)
    }

    /// Every record in the order appended.
    package func forEach(_ body: (SpillCursor) throws(SpillError) -> Void) throws(SpillError) {
        let cursor = try cursor()
        while try cursor.next() { try body(cursor) }
    }
}

/// Reads a `SpillFile`'s records one at a time, through its own buffer, with `pread` (several
/// cursors of different files may be open at once).
package final class SpillCursor {
    private let descriptor: Int32
    private let count: Int
    private var chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 16 << 10, alignment: 8)
    private var fileOffset = 0
    private var start = 0
    private var end = 0
    /// Bytes of the current record, from `start`.
    private var current = 0
    private var seen = 0

    fileprivate init(descriptor: Int32, count: Int) {
        self.descriptor = descriptor
        self.count = count
    }

    deinit { chunk.deallocate() }

    /// Word `index` (0...7) of the current record.
    package func word(_ index: Int) -> UInt64 {
        chunk.loadUnaligned(fromByteOffset: start + 8 * index, as: UInt64.self)
    }

    package var words: SpillFile.Words { (word(0), word(1), word(2), word(3), word(4), word(5), word(6), word(7)) }

    /// The current record's text (nil: none); valid until `next`.
    package var text: UnsafeRawBufferPointer? {
        word(8) == UInt64.max
            ? nil : UnsafeRawBufferPointer(rebasing: chunk[(start + SpillFile.headerBytes)..<(start + current)])
    }

    /// Moves to the next record; false at the end.
    package func next() throws(SpillError) -> Bool {
        start += current
        current = 0
        guard seen < count else { return false }
        while true {
            var need = SpillFile.headerBytes
            if end - start >= need, word(8) != UInt64.max { need += Int(word(8)) }
            if end - start >= need {
                current = need
                seen += 1
                return true
            }
            // Keep the partial record, make room for all of it, read more.
            if start > 0 {
                chunk.baseAddress!.copyMemory(from: chunk.baseAddress! + start, byteCount: end - start)
                end -= start
                start = 0
            }
            if need > chunk.count {
                let larger = UnsafeMutableRawBufferPointer.allocate(byteCount: need, alignment: 8)
                larger.baseAddress!.copyMemory(from: chunk.baseAddress!, byteCount: end)
                chunk.deallocate()
                chunk = larger
            }
            let got = pread(descriptor, chunk.baseAddress! + end, chunk.count - end, off_t(fileOffset))
            if got < 0 && errno == EINTR { continue }
            guard got > 0 else {
                throw SpillError(
                    description:
                        "a temporary file ended early (\(got < 0 ? String(cString: strerror(errno)) : "end of file"))")
            }
            end += got
            fileOffset += got
        }
    }
}
