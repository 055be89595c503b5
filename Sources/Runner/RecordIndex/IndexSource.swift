/// One sorted stream of record index lines — a cache entry's `records.tsv` or one of the sorter's
/// temporary runs — read a line at a time: the current record's fingerprint and (unescaped) key.
final class IndexSource {
    let reader: IndexLineReader
    private let checksOrder: Bool
    private var scratch: [UInt8] = []
    /// The unescaped key of the current line, when it held an escape.
    private var unescaped = UnsafeMutableRawBufferPointer.allocate(byteCount: 256, alignment: 8)
    /// The previous line's key, to check the order.
    private var previousKey = UnsafeMutableRawBufferPointer.allocate(byteCount: 256, alignment: 8)
    private var previousCount = -1
    private var previousIsASCII = true
    private(set) var fingerprint = UnsafeRawBufferPointer(start: nil, count: 0)
    private(set) var key = UnsafeRawBufferPointer(start: nil, count: 0)
    private(set) var keyIsASCII = true

    /// Data lines of `reader` from where it stands; `checksOrder` makes a line whose key sorts before
    /// the previous one an error (an index that claims to be sorted and is not).
    init(reader: IndexLineReader, checksOrder: Bool) {
        self.reader = reader
        self.checksOrder = checksOrder
    }

    deinit {
        unescaped.deallocate()
        previousKey.deallocate()
    }

    /// Moves to the next line; false at the end.
    func advance() throws -> Bool {
        guard let line = try reader.next() else { return false }
        guard let parts = RecordIndexFormat.split(line, escaped: true, scratch: &scratch) else {
            throw RunnerError.recordIndex(
                path: reader.path, problem: "line \(reader.lineNumber): no tab between the fingerprint and the key")
        }
        fingerprint = parts.fingerprint
        key = parts.keyIsUnescaped ? Self.copy(scratch, into: &unescaped) : parts.key
        keyIsASCII = RecordIndexFormat.isASCII(key)
        if checksOrder { try checkOrder() }
        return true
    }

    private func checkOrder() throws {
        if previousCount >= 0 {
            let previous = UnsafeRawBufferPointer(rebasing: previousKey[..<previousCount])
            if RecordIndexFormat.compare(previous, asciiA: previousIsASCII, key, asciiB: keyIsASCII) > 0 {
                throw RunnerError.recordIndex(
                    path: reader.path, problem: "line \(reader.lineNumber): not sorted by key, the index is damaged")
            }
        }
        previousCount = key.count
        previousIsASCII = keyIsASCII
        _ = Self.copy(key, into: &previousKey)
    }

    /// Copies `bytes` into `buffer` (grown when too small) and returns the copy.
    private static func copy(_ bytes: some Collection<UInt8>, into buffer: inout UnsafeMutableRawBufferPointer)
        -> UnsafeRawBufferPointer
    {
        if bytes.count > buffer.count {
            buffer.deallocate()
            buffer = .allocate(byteCount: bytes.count * 2, alignment: 8)
        }
        _ = UnsafeMutableRawBufferPointer(rebasing: buffer[..<bytes.count]).copyBytes(from: bytes)
        return UnsafeRawBufferPointer(rebasing: buffer[..<bytes.count])
    }
}

/// Several sorted streams merged into one, in key order; equal keys come in the order of the streams
/// (so a merge of consecutive runs, or of the input files in order, keeps the order records were added).
final class IndexMerge {
    private let sources: [IndexSource]
    /// Indexes of the sources that have a current line, as a binary min-heap.
    private var heap: [Int] = []
    private var started = false

    init(_ sources: [IndexSource]) throws {
        self.sources = sources
        for index in sources.indices where try sources[index].advance() { push(index) }
    }

    /// The stream holding the current (smallest) line; valid after `next` returned true.
    var current: IndexSource { sources[heap[0]] }

    /// Moves to the next line in key order; false at the end.
    func next() throws -> Bool {
        if started, let top = heap.first {
            if try sources[top].advance() { siftDown(0) } else { removeTop() }
        }
        started = true
        return !heap.isEmpty
    }

    private func precedes(_ a: Int, _ b: Int) -> Bool {
        let (x, y) = (sources[a], sources[b])
        let order = RecordIndexFormat.compare(x.key, asciiA: x.keyIsASCII, y.key, asciiB: y.keyIsASCII)
        return order < 0 || (order == 0 && a < b)
    }

    private func push(_ source: Int) {
        heap.append(source)
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard precedes(heap[child], heap[parent]) else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    private func removeTop() {
        heap[0] = heap[heap.count - 1]
        heap.removeLast()
        if !heap.isEmpty { siftDown(0) }
    }

    private func siftDown(_ start: Int) {
        var parent = start
        while true {
            var smallest = parent
            let left = 2 * parent + 1
            if left < heap.count && precedes(heap[left], heap[smallest]) { smallest = left }
            if left + 1 < heap.count && precedes(heap[left + 1], heap[smallest]) { smallest = left + 1 }
            guard smallest != parent else { return }
            heap.swapAt(parent, smallest)
            parent = smallest
        }
    }
}
