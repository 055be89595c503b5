import AuditCore
import Foundation
import Ingest

/// A bounded hand-off from the thread that parses a file to the thread that classifies and counts.
///
/// Parsing (libcsv, cell decoding, fingerprints) and labelling (duplicates, rules, counting) each take
/// about half the time, so running them on the two cores of a small machine overlaps them. Items keep
/// file order; at most `capacity` batches wait, so memory stays bounded whatever the file size.
final class RecordPipe: @unchecked Sendable {
    enum Item: Sendable {
        case header(FileIngestSummary)
        case records([(SourceRecord, RowFingerprint)])
        case reject(Reject)
    }

    /// How reading ended: the summary and the input's hash, or the error.
    struct Ending: Sendable {
        var result: Result<FileIngestSummary, IngestError>
        var bytes: Int
        var sha256: String
    }

    private let condition = NSCondition()
    private var items: [Item] = []
    private var head = 0
    private var ending: Ending?
    private let capacity: Int

    init(capacity: Int = 8) { self.capacity = capacity }

    func push(_ item: Item) {
        condition.lock()
        while items.count - head >= capacity { condition.wait() }
        items.append(item)
        condition.broadcast()
        condition.unlock()
    }

    func finish(_ ending: Ending) {
        condition.lock()
        self.ending = ending
        condition.broadcast()
        condition.unlock()
    }

    /// The next item, or the ending once every item has been taken.
    func pop() -> Either {
        condition.lock()
        defer { condition.unlock() }
        while head == items.count && ending == nil { condition.wait() }
        if head < items.count {
            let item = items[head]
            head += 1
            if head > 64 && head * 2 > items.count {
                items.removeFirst(head)
                head = 0
            }
            condition.broadcast()
            return .item(item)
        }
        return .end(ending!)
    }

    enum Either {
        case item(Item)
        case end(Ending)
    }
}
