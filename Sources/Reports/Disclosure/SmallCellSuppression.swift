/// Small-cell suppression with complementary suppression along rows and columns.
///
/// Primary: every count from 1 to k−1 is suppressed (shown `<k`; 0 is not sensitive and stays
/// visible). Secondary (complementary, shown `x`): a suppressed cell must not be recoverable by
/// subtracting the other published cells from a published total. Two kinds of totals are protected:
///
/// - **row partitions**: within one row, cells that add up to the row's total (criminality labels add
///   up to `records`, and so do derived levels, ICE levels, target statuses, …). If exactly one cell
///   of a partition (total included) is hidden, a second one is hidden: a residual category of the
///   partition first (unknown, missing, undetermined, …; a zero there is fine, the reader no longer
///   knows it is zero), else the smallest other non-zero cell. Preferring residual categories keeps
///   the substantive counts — and the shares built on them — published.
/// - **column groups**: rows that add up to a total published elsewhere (states within a fiscal year
///   add up to that year's row of a coarser report; all rows' `records` add up to the grand total in
///   the manifest). If exactly one cell of a protected column within a group is hidden, the smallest
///   other non-zero cell of that column in the group is hidden too.
///
/// Repeated until nothing changes. This is the standard greedy heuristic, not a full linear-programming
/// audit: sums over several published tables at once are not checked.
package enum SmallCellSuppression {
    package enum Mark: Sendable, Equatable {
        case visible, primary, complementary

        package var isHidden: Bool { self != .visible }
    }

    package struct Partition: Sendable {
        package var cells: [Int]
        package var total: Int
        /// Residual categories preferred as complements.
        package var residual: [Int]

        package init(cells: [Int], total: Int, residual: [Int] = []) {
            self.cells = cells
            self.total = total
            self.residual = residual
        }
    }

    package struct ColumnGroup: Sendable {
        package var rows: [Int]
        /// The columns whose sums over `rows` are published; nil = every count column.
        package var columns: [Int]?

        package init(rows: [Int], columns: [Int]? = nil) {
            self.rows = rows
            self.columns = columns
        }
    }

    /// - Parameters:
    ///   - values: rows × columns; nil = not a count (text), never suppressed.
    ///   - k: the minimum published count.
    /// - Returns: rows × columns marks.
    package static func suppress(_ values: [[Int?]], partitions: [Partition], columnGroups: [ColumnGroup], k: Int)
        -> [[Mark]]
    {
        var marks = values.map { row in
            row.map { value -> Mark in (value.map { $0 > 0 && $0 < k } ?? false) ? .primary : .visible }
        }
        guard k > 1, let columnCount = values.first?.count else { return marks }
        var changed = true
        while changed {
            changed = false
            for row in values.indices {
                for partition in partitions {
                    let members = (partition.cells + [partition.total]).map { (row, $0) }
                    let residual = partition.residual.map { (row, $0) }
                    if complement(members, preferred: residual, values: values, marks: &marks) { changed = true }
                }
            }
            for group in columnGroups where group.rows.count > 1 {
                for column in group.columns ?? Array(0..<columnCount) where values[group.rows[0]][column] != nil {
                    if complement(group.rows.map { ($0, column) }, preferred: [], values: values, marks: &marks) {
                        changed = true
                    }
                }
            }
        }
        return marks
    }

    /// If exactly one of `cells` is hidden, hides a second one. Returns whether it hid one.
    private static func complement(
        _ cells: [(Int, Int)], preferred: [(Int, Int)], values: [[Int?]], marks: inout [[Mark]]
    ) -> Bool {
        guard cells.filter({ marks[$0.0][$0.1].isHidden }).count == 1 else { return false }
        if let residual = preferred.first(where: { !marks[$0.0][$0.1].isHidden && values[$0.0][$0.1] != nil }) {
            marks[residual.0][residual.1] = .complementary
            return true
        }
        let candidates = cells.filter { !marks[$0.0][$0.1].isHidden && (values[$0.0][$0.1] ?? 0) > 0 }
        guard
            let smallest = candidates.min(by: { (values[$0.0][$0.1]!, $0.0, $0.1) < (values[$1.0][$1.1]!, $1.0, $1.1) })
        else { return false }
        marks[smallest.0][smallest.1] = .complementary
        return true
    }
}
