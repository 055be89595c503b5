/// Eras and declared gaps must tile the calendar from the first era's start to the last era's end.
extension TargetsDefinition {
    /// A stretch `(from, to, label)`: an era or a gap.
    private typealias Stretch = (from: SimpleDate, to: SimpleDate?, label: String)

    /// One issue per silent hole between consecutive eras, per gap overlapping anything, per gap
    /// ending before it starts.
    func coverageIssues() -> [PipelineIssue] {
        var issues: [PipelineIssue] = []
        for (index, gap) in gaps.enumerated() where gap.to < gap.from {
            issues.append(
                .init(
                    keyPath: "gaps[\(index)]",
                    message: "ends (\(gap.to.isoString)) before it starts (\(gap.from.isoString))"))
        }
        let stretches: [Stretch] =
            (eras.map { ($0.from, $0.to, "era '\($0.id)'") } + gaps.enumerated().map { ($1.from, $1.to, "gaps[\($0)]") })
            .sorted { $0.from < $1.from }
        for (previous, next) in zip(stretches, stretches.dropFirst()) {
            guard let end = previous.to else {
                issues.append(
                    .init(keyPath: "gaps", message: "\(next.label) starts after \(previous.label), which never ends"))
                continue
            }
            if next.from <= end, previous.label.hasPrefix("gaps") || next.label.hasPrefix("gaps") {
                issues.append(.init(keyPath: "gaps", message: "\(next.label) overlaps \(previous.label)"))
            } else if next.from > end, !end.isFollowed(by: next.from) {
                issues.append(
                    .init(
                        keyPath: "gaps",
                        message:
                            "no era or declared gap covers the dates after \(end.isoString) (end of \(previous.label)) until \(next.label) starts on \(next.from.isoString); declare the gap with its reason"
                    ))
            }
        }
        return issues
    }
}
