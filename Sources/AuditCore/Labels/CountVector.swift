/// Counts of every `CountColumn` for one group; exact and mergeable.
public struct CountVector: Sendable, Equatable {
    public private(set) var values: [Int]

    public init() { values = [Int](repeating: 0, count: CountColumn.allCases.count) }

    /// From stored values in `CountColumn.allCases` order.
    public init(values: [Int]) {
        precondition(values.count == CountColumn.allCases.count, "one value per count column")
        self.values = values
    }

    public subscript(column: CountColumn) -> Int { values[column.index] }

    public mutating func add(_ columns: [CountColumn], weight: Int) {
        for column in columns { values[column.index] += weight }
    }

    public mutating func merge(_ other: CountVector) {
        for index in values.indices { values[index] += other.values[index] }
    }
}
