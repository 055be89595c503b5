/// The first, greedy choice of complementary cells over a `DisclosureModel`.
///
/// Primary cells (counts from 1 to k−1) are marked when the model is built. A reader who knows an
/// identity `Σ = 0` can move a primary cell only as far as the other hidden cells of that identity
/// make room: to let it reach k−1, the hidden cells on its side must be able to shrink (a primary
/// cell to 1, a complement to 0) or those on the other side to grow, by k−1 minus its value; to
/// let it reach 1, the reverse. Wherever an identity leaves a primary cell too little room, one
/// more cell of that identity is hidden: a residual category (unknown, missing, undetermined, …)
/// with enough room first, then the smallest cell with enough room, then the largest one. Repeated
/// until every identity leaves every primary cell its room.
///
/// When no published cell is left to hide, another `<k` cell of the identity is shown `x`
/// instead: several `<k` cells adding up to a small total would otherwise put it above 1.
///
/// This is necessary, not sufficient: a reader combining several identities may still narrow a
/// cell. `DisclosureAudit` checks that by linear programming, and `DisclosureRepair` hides more.
package enum SmallCellSuppression {
    /// Hides complements until every equality leaves each of its primary cells room for 1…k−1.
    /// Returns how many cells it hid.
    @discardableResult
    package static func complement(_ model: inout DisclosureModel) -> Int {
        guard model.k > 2 else { return 0 }
        var queued = [Bool](repeating: true, count: model.identities.count)
        var queue = Array(model.identities.indices.reversed())
        var hidden = 0
        while let identity = queue.popLast() {
            queued[identity] = false
            guard model.identities[identity].isEquality,
                let choice = shortage(identity, model).flatMap({ complementFor($0, in: identity, model) })
            else { continue }
            if model.marks[choice] == .primary {
                model.marks[choice] = .primaryShownX
            } else {
                model.hide(choice)
                hidden += 1
            }
            for next in model.identitiesOf[choice] + [identity] where !queued[next] {
                queued[next] = true
                queue.append(next)
            }
        }
        return hidden
    }

    /// How far a primary cell can move within one equality given its other hidden cells.
    package struct Room: Equatable {
        package var up: Double
        package var down: Double
    }

    package static func room(of cell: Int, in identity: Int, _ model: DisclosureModel) -> Room {
        let row = model.identities[identity]
        guard let position = row.cells.firstIndex(of: cell) else { return Room(up: 0, down: 0) }
        let own = row.coefficients[position]
        var room = Room(up: 0, down: 0)
        for (other, coefficient) in zip(row.cells, row.coefficients) where other != cell {
            guard model.marks[other].isHidden else { continue }
            let value = Double(model.values[other])
            let shrink = value - model.marks[other].lowerBound()
            let grow = model.marks[other] == .primary ? Double(model.k - 1) - value : .infinity
            let weight = abs(coefficient / own)
            let sameSide = (coefficient > 0) == (own > 0)
            room.up += weight * (sameSide ? shrink : grow)
            room.down += weight * (sameSide ? grow : shrink)
        }
        return room
    }

    /// What a primary cell needs: up to k−1 and down to 1.
    package static func need(of cell: Int, _ model: DisclosureModel) -> Room {
        let value = Double(model.values[cell])
        return Room(up: Double(model.k - 1) - value, down: value - 1)
    }

    /// The first primary cell of an identity that lacks room, if any.
    private static func shortage(_ identity: Int, _ model: DisclosureModel) -> Int? {
        for cell in model.identities[identity].cells where model.marks[cell].isPrimary {
            let room = room(of: cell, in: identity, model)
            let need = need(of: cell, model)
            if room.up < need.up - 1e-9 || room.down < need.down - 1e-9 { return cell }
        }
        return nil
    }

    /// The cell of `identity` to hide so that `cell` gains room: see the type's description.
    package static func complementFor(_ cell: Int, in identity: Int, _ model: DisclosureModel) -> Int? {
        let row = model.identities[identity]
        guard let position = row.cells.firstIndex(of: cell) else { return nil }
        let own = row.coefficients[position] > 0
        let room = room(of: cell, in: identity, model)
        let need = need(of: cell, model)
        let missingUp = max(0, need.up - room.up)
        var sameSide: [Int] = []
        var otherSide: [Int] = []
        for (other, coefficient) in zip(row.cells, row.coefficients)
        where other != cell && model.marks[other] == .visible && model.hideable[other] {
            if (coefficient > 0) == own { sameSide.append(other) } else { otherSide.append(other) }
        }
        if let choice = choose(sameSide, enough: missingUp, model) ?? choose(otherSide, enough: 0, model) {
            return choice
        }
        // Nothing published to hide: the other `<k` cells hold it through "at least 1"; one of
        // them is shown `x` instead (on its side to let it grow, on the other to let it shrink).
        let wantedSide = missingUp > 0 ? own : !own
        return zip(row.cells, row.coefficients).first { other, coefficient in
            other != cell && model.marks[other] == .primary && (coefficient > 0) == wantedSide
        }?.0
    }

    /// Among candidates: a residual one with at least `enough`, then the smallest with at least
    /// `enough`, then the largest; ties by position in the model.
    package static func choose(_ candidates: [Int], enough: Double, _ model: DisclosureModel) -> Int? {
        let sufficient = candidates.filter { Double(model.values[$0]) >= enough - 1e-9 }
        func smallest(_ cells: [Int]) -> Int? { cells.min { (model.values[$0], $0) < (model.values[$1], $1) } }
        if let residual = smallest(sufficient.filter { model.residual[$0] }) { return residual }
        if let any = smallest(sufficient) { return any }
        return candidates.max { (model.values[$0], -$0) < (model.values[$1], -$1) }
    }
}
