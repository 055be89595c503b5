/// Counts of every `CountColumn` for one group; exact and mergeable.
package struct CountVector: Sendable, Equatable {
    package private(set) var values: [Int]

    package init() { values = [Int](repeating: 0, count: CountColumn.allCases.count) }

    /// From stored values in `CountColumn.allCases` order.
    package init(values: [Int]) {
        precondition(values.count == CountColumn.allCases.count, "one value per count column")
        self.values = values
    }

    package subscript(column: CountColumn) -> Int { values[column.index] }

    package mutating func add(_ columns: [CountColumn], weight: Int) {
        for column in columns { values[column.index] += weight }
    }

    package mutating func merge(_ other: CountVector) {
        for index in values.indices { values[index] += other.values[index] }
    }
}
