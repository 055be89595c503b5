import AuditCore
import DequeModule
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Reads one input on several threads and hands its records to the calling thread in file order.
///
/// One thread reads (and inflates) the input and cuts it into blocks at record boundaries with
/// `BlockSplitter`; the first blocks are parsed on that thread until the header is found, then each
/// block goes to one of `workers` threads, each with its own libcsv parser and `RowReader` sharing
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
    private var main: RowReader!
    private var mainWriter: SegmentWriter<Payload>
    private var mainParser: BlockParser!
    private var splitter: BlockSplitter
    private var parallel = false
    /// Past a stretch without a record boundary: every further chunk goes to this parser directly.
    private var direct: (parser: BlockParser, state: RowReader, writer: SegmentWriter<Payload>)?

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
        main = RowReader(
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
            let state = RowReader(
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
        _ bytes: UnsafeRawBufferPointer, with parser: BlockParser, _ state: RowReader, _ writer: SegmentWriter<Payload>,
        last: Bool
    ) throws {
        let segment = Segment<Payload>()
        segments.append(segment)
        if Self.parse(bytes, with: parser, state, writer, segment: segment, last: last) != nil { throw Stopped() }
    }

    /// Feeds one segment's bytes, then ends the segment with its row counts or its failure.
    private static func parse(
        _ bytes: UnsafeRawBufferPointer, with parser: BlockParser, _ state: RowReader, _ writer: SegmentWriter<Payload>,
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
        JoinableThread.lowerCurrentThreadPriority()
        let writer = workerWriter()
        let state = RowReader(
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

/// One block for a worker, and the segment its records go to.
struct Job<Payload>: @unchecked Sendable {
    var block: BlockSplitter.Block
    var last: Bool
    var segment: Segment<Payload>
}
