import DequeModule
import Foundation

/// A first-in-first-out hand-off between threads that can be closed: `next` waits for an element
/// and returns nil once the queue is closed and empty; `append` waits while `capacity` elements wait.
/// The segments of one input (bounded, so memory stays flat) and the blocks for the workers.
final class ClosableQueue<Element>: @unchecked Sendable {
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
