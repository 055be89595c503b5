import AuditCore
import Foundation

/// A value handed to another thread that only it uses from then on.
struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}

/// One stretch of input parsed by one parser: its events in order, then how it ended.
final class Segment<Payload>: @unchecked Sendable {
    enum Event {
        case header(FileIngestSummary)
        case records([(RecordPosition, RowFingerprint, Payload)])
        case reject(Reject)
    }

    struct End {
        /// Data rows read and rejected in this segment.
        var rows: Int
        var rejected: Int
        /// Record numbers in it count from the segment's start.
        var failure: IngestError?
    }

    enum Next {
        case event(Event)
        case end(End)
    }

    /// Batches a segment may hold before its producer waits: room for a whole block of typical rows,
    /// so workers run ahead of the consumer.
    private let events = ClosableQueue<Event>(capacity: 8)
    private let lock = NSLock()
    private var end: End?

    func push(_ event: Event) { events.append(event) }

    func finish(_ end: End) {
        lock.withLock { self.end = end }
        events.close()
    }

    /// The next event, or how the segment ended once every event has been taken.
    func next() -> Next {
        if let event = events.next() { return .event(event) }
        return .end(lock.withLock { end! })
    }
}

/// Where a `RowReader`'s callbacks go: batches of records into the current segment.
final class SegmentWriter<Payload>: @unchecked Sendable {
    var segment: Segment<Payload>?
    /// The header as the reading thread found it; asked once, at the first record.
    var header: () -> FileIngestSummary = { FileIngestSummary(file: "") }
    private let prepare: (FileIngestSummary) -> (SourceRecord, RowFingerprint) -> Payload
    private var transform: ((SourceRecord, RowFingerprint) -> Payload)?
    private var batch: [(RecordPosition, RowFingerprint, Payload)] = []
    private static var batchSize: Int { 1024 }

    init(prepare: @escaping (FileIngestSummary) -> (SourceRecord, RowFingerprint) -> Payload) {
        self.prepare = prepare
        batch.reserveCapacity(Self.batchSize)
    }

    func record(_ record: SourceRecord, _ fingerprint: RowFingerprint) {
        // Set once: storing the closure again on every record would wrap it in a new thunk each time.
        if transform == nil { transform = prepare(header()) }
        // Only the payload goes on: the record's strings stay with this thread (no reference counting
        // of shared strings across threads).
        batch.append(
            (
                RecordPosition(line: record.lineage.line, record: record.lineage.record), fingerprint,
                transform!(record, fingerprint)
            ))
        if batch.count == Self.batchSize { flush() }
    }

    func push(_ event: Segment<Payload>.Event) {
        flush()
        segment?.push(event)
    }

    func flush() {
        guard !batch.isEmpty else { return }
        segment?.push(.records(batch))
        batch.removeAll(keepingCapacity: true)
    }
}
