public import AuditCore
private import CAuditSystem
import DequeModule
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Reads one input on several threads and hands its records to the calling thread in file order.
///
/// One thread reads (and inflates) the input and cuts it into blocks at record boundaries with
/// `BlockSplitter`; the first blocks are parsed on that thread until the header is found, then each
/// block goes to one of `workers` threads, each with its own libcsv parser and `ReadState` sharing
/// the header's column mapping. Every stretch of input parsed by one parser is a *segment*; the
/// calling thread takes segments in order, renumbers their records (a segment counts its rows from
/// zero; the caller adds the rows of the segments before) and calls the callbacks — so records,
/// rejects, lineage and errors are exactly those of the sequential parse (a test and the fuzzer
/// compare them). Input without a record boundary within `limitBytes` is parsed on the reading thread
/// from there on. Memory is bounded: at most `2 × workers + 2` segments are under way.
final class ParallelParse<Payload>: @unchecked Sendable {
    private let pipeline: PipelineDefinition
    private let displayName: String
    private let parallelism: Parallelism
    private let delimiter: UInt8
    private let fastPath: Bool
    private let segments: ClosableQueue<Segment<Payload>>
    /// Makes a parsing thread's record transform, once the header is known (see `RecordReader.read`).
    private let prepare: @Sendable (FileIngestSummary) -> (SourceRecord, RowFingerprint) -> Payload
    private let jobs = ClosableQueue<Job<Payload>>()
    private let lock = NSLock()
    /// Every thread this parse starts; `run` joins them all, so none outlives it (nor its memory).
    private var threads: [JoinableThread] = []
    private var stopRequested = false
    private var totalBytes = 0

    // Reading thread only.
    private var main: ReadState!
    private var mainWriter: SegmentWriter<Payload>
    private var mainParser: BlockParser!
    private var splitter: BlockSplitter
    private var parallel = false
    /// Past a stretch without a record boundary: every further chunk goes to this parser directly.
    private var direct: (parser: BlockParser, state: ReadState, writer: SegmentWriter<Payload>)?

    init(
        pipeline: PipelineDefinition, displayName: String, parallelism: Parallelism, fastPath: Bool,
        prepare: @escaping @Sendable (FileIngestSummary) -> (SourceRecord, RowFingerprint) -> Payload
    ) {
        self.prepare = prepare
        self.fastPath = fastPath
        mainWriter = SegmentWriter(prepare: prepare)
        self.pipeline = pipeline
        self.displayName = displayName
        self.parallelism = parallelism
        delimiter = pipeline.source.delimiter.byte
        segments = ClosableQueue(capacity: 2 * parallelism.workers + 2)
        splitter = BlockSplitter(target: parallelism.blockBytes, limit: parallelism.limitBytes)
    }

    private struct Stopped: Error {}

    private var stopping: Bool {
        lock.lock()
        defer { lock.unlock() }
        return stopRequested
    }

    func run(
        onHeader: @escaping (FileIngestSummary) -> Void,
        onRecord: @escaping (RecordPosition, RowFingerprint, Payload) -> Void,
        onReject: @escaping (Reject) -> Void,
        stream: @escaping ((UnsafeRawBufferPointer) throws -> Void) throws -> Int
    ) throws -> FileIngestSummary {
        let produce = UncheckedSendable(stream)
        let reader = JoinableThread { [self] in read(produce.value) }

        var rowsBefore = 0
        var rejected = 0
        var failure: IngestError?
        while let segment = segments.next() {
            consume: while true {
                switch segment.next() {
                case .event(let event):
                    guard failure == nil else { continue }
                    switch event {
                    case .header(let summary): onHeader(summary)
                    case .records(let batch):
                        for (position, fingerprint, payload) in batch {
                            onRecord(
                                RecordPosition(line: position.line, record: position.record + rowsBefore), fingerprint,
                                payload)
                        }
                    case .reject(var reject):
                        reject.lineage.record += rowsBefore
                        onReject(reject)
                    }
                case .end(let end):
                    if failure == nil, let error = end.failure {
                        failure = error.offsettingRecord(by: rowsBefore)
                        // Stop reading; the segments already under way are drained below.
                        lock.lock()
                        stopRequested = true
                        lock.unlock()
                    }
                    rowsBefore += end.rows
                    rejected += end.rejected
                    break consume
                }
            }
        }
        reader.join()
        // The reading thread started the workers and has ended: the list is complete.
        for worker in threads { worker.join() }
        if let failure { throw failure }
        var summary = main.summary
        summary.rowsRead = rowsBefore
        summary.rowsRejected = rejected
        lock.lock()
        summary.bytes = totalBytes
        lock.unlock()
        return summary
    }

    // MARK: - The reading thread

    private func read(_ stream: ((UnsafeRawBufferPointer) throws -> Void) throws -> Int) {
        let writer = mainWriter
        main = ReadState(
            pipeline: pipeline, displayName: displayName,
            onHeader: { writer.push(.header($0)) }, onRecord: { writer.record($0, $1) },
            onReject: { writer.push(.reject($0)) })
        writer.header = { [unowned self] in main.summary }
        var bytes = 0
        do {
            mainParser = try BlockParser(
                state: main, delimiter: delimiter, displayName: displayName, fastPath: fastPath)
            bytes = try stream { chunk in try self.take(chunk) }
            try endOfInput()
        } catch is Stopped {
        } catch {
            // Reading failed (unreadable, corrupt gzip, ...). The bytes decoded before it are parsed
            // first, as the sequential parse would have: an error among them comes first.
            if direct == nil, !splitter.overflowed {
                do { try dispatch(splitter.takeRest(), last: false) } catch { return finishReading(bytes: bytes) }
            }
            let segment = Segment<Payload>()
            segments.append(segment)
            segment.finish(
                .init(
                    rows: 0, rejected: 0,
                    failure: error as? IngestError ?? .parser(path: displayName, line: 0, reason: "\(error)")))
        }
        finishReading(bytes: bytes)
    }

    private func finishReading(bytes: Int) {
        jobs.close()
        lock.lock()
        totalBytes = bytes
        lock.unlock()
        segments.close()
    }

    private func take(_ chunk: UnsafeRawBufferPointer) throws {
        if stopping { throw Stopped() }
        if let direct {
            return try parseSegment(chunk, with: direct.parser, direct.state, direct.writer, last: false)
        }
        for block in splitter.append(chunk) { try dispatch(block, last: false) }
        guard splitter.overflowed else { return }
        // No record boundary for `limitBytes`: one parser reads the rest, on this thread.
        let rest = splitter.takeRest()
        if parallel {
            let writer = workerWriter()
            let state = ReadState(
                blocksOf: main, onRecord: { writer.record($0, $1) }, onReject: { writer.push(.reject($0)) })
            let parser = try BlockParser(
                state: state, delimiter: delimiter, displayName: displayName, fastPath: fastPath,
                startLine: rest.startLine)
            direct = (parser, state, writer)
        } else {
            direct = (mainParser, main, mainWriter)
        }
        try rest.bytes.withUnsafeBytes {
            try parseSegment($0, with: direct!.parser, direct!.state, direct!.writer, last: false)
        }
    }

    private func endOfInput() throws {
        if let direct {
            return try parseSegment(
                UnsafeRawBufferPointer(start: nil, count: 0), with: direct.parser, direct.state, direct.writer,
                last: true)
        }
        try dispatch(splitter.takeRest(), last: true)
    }

    private func dispatch(_ block: BlockSplitter.Block, last: Bool) throws {
        if parallel {
            let segment = Segment<Payload>()
            segments.append(segment)
            jobs.append(Job(block: block, last: last, segment: segment))
            return
        }
        try block.bytes.withUnsafeBytes { try parseSegment($0, with: mainParser, main, mainWriter, last: last) }
        if !last, main.readingData {
            parallel = true
            for _ in 0..<parallelism.workers {
                threads.append(JoinableThread { [self] in work() })
            }
        }
    }

    /// Parses `bytes` as one segment; a failure ends the segment and stops reading.
    private func parseSegment(
        _ bytes: UnsafeRawBufferPointer, with parser: BlockParser, _ state: ReadState, _ writer: SegmentWriter<Payload>,
        last: Bool
    ) throws {
        let segment = Segment<Payload>()
        segments.append(segment)
        if Self.parse(bytes, with: parser, state, writer, segment: segment, last: last) != nil { throw Stopped() }
    }

    /// Feeds one segment's bytes, then ends the segment with its row counts or its failure.
    private static func parse(
        _ bytes: UnsafeRawBufferPointer, with parser: BlockParser, _ state: ReadState, _ writer: SegmentWriter<Payload>,
        segment: Segment<Payload>, last: Bool
    ) -> IngestError? {
        writer.segment = segment
        state.beginBlock()
        var failure: IngestError?
        do {
            try parser.feed(bytes)
            if last { try parser.finish() }
        } catch {
            failure = error
        }
        writer.flush()
        segment.finish(.init(rows: state.summary.rowsRead, rejected: state.summary.rowsRejected, failure: failure))
        writer.segment = nil
        return failure
    }

    // MARK: - Workers

    /// A writer for a thread other than the reading one, with the header already known.
    private func workerWriter() -> SegmentWriter<Payload> {
        let writer = SegmentWriter(prepare: prepare)
        let summary = main.summary
        writer.header = { summary }
        return writer
    }

    private func work() {
        // Workers yield to the consuming thread, the one sequential stage: it should never wait for a core.
        _ = audit_lower_thread_priority(4)
        let writer = workerWriter()
        let state = ReadState(
            blocksOf: main, onRecord: { writer.record($0, $1) }, onReject: { writer.push(.reject($0)) })
        while let job = jobs.next() {
            if stopping {
                job.segment.finish(.init(rows: 0, rejected: 0, failure: nil))
                continue
            }
            do {
                let parser = try BlockParser(
                    state: state, delimiter: delimiter, displayName: displayName, fastPath: fastPath,
                    startLine: job.block.startLine)
                _ = job.block.bytes.withUnsafeBytes {
                    Self.parse($0, with: parser, state, writer, segment: job.segment, last: job.last)
                }
            } catch {
                job.segment.finish(.init(rows: 0, rejected: 0, failure: error))
            }
        }
    }
}

extension IngestError {
    /// The error with a record number counted from the start of a segment made absolute.
    func offsettingRecord(by rows: Int) -> IngestError {
        if case .unterminatedQuote(let path, let line, let record) = self {
            return .unterminatedQuote(path: path, line: line, record: record + rows)
        }
        return self
    }
}

/// A POSIX thread that can be joined (Foundation's `Thread` cannot: its object and the closure's
/// context could still be alive after the work ended, which ASan's leak check on the fuzzer saw).
private final class JoinableThread: @unchecked Sendable {
    private final class Body {
        let run: () -> Void
        init(_ run: @escaping () -> Void) { self.run = run }
    }

    private var thread = pthread_t()

    init(_ run: @escaping () -> Void) {
        let context = Unmanaged.passRetained(Body(run)).toOpaque()
        let attributes = UnsafeMutablePointer<pthread_attr_t>.allocate(capacity: 1)
        defer { attributes.deallocate() }
        pthread_attr_init(attributes)
        pthread_attr_setstacksize(attributes, 8 << 20)
        let status = pthread_create(
            &thread, attributes,
            { context in
                Unmanaged<Body>.fromOpaque(context!).takeRetainedValue().run()
                return nil
            }, context)
        pthread_attr_destroy(attributes)
        precondition(status == 0, "could not start a thread (pthread_create: \(status))")
    }

    func join() { pthread_join(thread, nil) }
}

/// A value handed to another thread that only it uses from then on.
private struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}

/// One stretch of input parsed by one parser: its events in order, then how it ended.
private final class Segment<Payload>: @unchecked Sendable {
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

/// Where a `ReadState`'s callbacks go: batches of records into the current segment.
private final class SegmentWriter<Payload>: @unchecked Sendable {
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

/// A first-in-first-out hand-off between threads that can be closed: `next` waits for an element
/// and returns nil once the queue is closed and empty; `append` waits while `capacity` elements wait.
/// The segments of one input (bounded, so memory stays flat) and the blocks for the workers.
private final class ClosableQueue<Element>: @unchecked Sendable {
    private let condition = NSCondition()
    private var items = Deque<Element>()
    private var closed = false
    private let capacity: Int

    init(capacity: Int = .max) { self.capacity = capacity }

    func append(_ item: Element) {
        condition.lock()
        while items.count >= capacity { condition.wait() }
        items.append(item)
        condition.broadcast()
        condition.unlock()
    }

    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }

    func next() -> Element? {
        condition.lock()
        defer { condition.unlock() }
        while items.isEmpty && !closed { condition.wait() }
        guard let item = items.popFirst() else { return nil }
        condition.broadcast()
        return item
    }
}

private struct Job<Payload>: @unchecked Sendable {
    var block: BlockSplitter.Block
    var last: Bool
    var segment: Segment<Payload>
}
