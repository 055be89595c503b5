import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A one-line progress indicator on an interactive terminal (standard error), silent otherwise.
///
/// Cron and pipes get no progress lines: only when standard error is a TTY and the run is not quiet.
final class Progress: @unchecked Sendable {
    private let enabled: Bool
    private var lastDraw = Date.distantPast
    private var label = ""
    private var total = 0
    private var done = 0

    init(quiet: Bool) {
        enabled = !quiet && isatty(STDERR_FILENO) == 1
    }

    func start(_ label: String, bytes: Int) {
        self.label = label
        total = bytes
        done = 0
        draw(force: true)
    }

    func advance(_ bytes: Int) {
        done += bytes
        draw(force: false)
    }

    func finish() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }

    private func draw(force: Bool) {
        guard enabled, force || Date().timeIntervalSince(lastDraw) > 0.2 else { return }
        lastDraw = Date()
        let percent = total > 0 ? min(100, done * 100 / total) : 0
        FileHandle.standardError.write(Data("\r\u{1B}[K\(label): \(percent)% of \(total / 1_048_576) MiB".utf8))
    }
}
