import Foundation
import PipelineTestSupport
import Testing

/// The cache leaks nothing after a kill and stays within its bound: temporaries of dead runs are
/// removed, entries no recent run used are pruned, and nothing is pruned while another run is live.
@Suite(.serialized) struct CacheBoundTests {
    static let sample = "Fixtures/sample/ice-detainers-sample.csv"
    static let small = "Fixtures/ingest/preamble-rows/input.csv"

    static func entries(_ state: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: state.appendingPathComponent("cache").path).filter {
            !$0.hasPrefix(".lock")
        }.sorted()
    }

    static func run(_ out: URL, state: URL, _ extra: [String]) throws -> Int32 {
        try CommandLineTests.run(["run", "--quiet", "--out", out.path, "--state", state.path] + extra).status
    }

    /// The pid of a process that has ended.
    static func deadPID() throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/true")
        try process.run()
        process.waitUntilExit()
        return process.processIdentifier
    }

    @Test func aRunKilledWhileCachingLeavesATemporaryTheNextRunRemoves() throws {
        let folder = TestPaths.temporaryFolder("cache")
        let out = folder.appendingPathComponent("out")
        let process = try CrashSafetyTests.startPaused(at: "caching", out: out)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let cache = folder.appendingPathComponent(".detention-audit/cache")
        let left = try FileManager.default.contentsOfDirectory(atPath: cache.path).filter { $0.hasPrefix(".tmp-") }
        #expect(left.count == 1 && left[0].hasSuffix("-\(process.processIdentifier)"))
        // A temporary of a live process (this test) is not touched.
        let live = cache.appendingPathComponent(".tmp-\(String(repeating: "0", count: 64))-\(getpid())")
        try FileManager.default.createDirectory(at: live, withIntermediateDirectories: true)

        #expect(try CommandLineTests.run(["run", "--quiet", "--out", out.path]).status == 0)
        let after = try FileManager.default.contentsOfDirectory(atPath: cache.path).filter { $0.hasPrefix(".tmp-") }
        #expect(after == [live.lastPathComponent])
    }

    @Test func theCacheKeepsWhatTheLastRunOfEachFolderUsed() throws {
        let folder = TestPaths.temporaryFolder("cache")
        let state = folder.appendingPathComponent("state")
        let a = folder.appendingPathComponent("a")
        let b = folder.appendingPathComponent("b")
        let unbounded = ["--cache-limit-mb", "100000"]
        #expect(try Self.run(a, state: state, unbounded + [Self.sample]) == 0)
        #expect(try Self.run(b, state: state, unbounded + [Self.small]) == 0)
        #expect(try Self.run(a, state: state, unbounded + [Self.small]) == 0)
        #expect(try Self.entries(state).count == 2, "sample (a's first run) and the small file")
        // Limit 0: everything the last runs of a and b did not use goes — the sample's entry.
        #expect(try Self.run(b, state: state, ["--cache-limit-mb", "0", Self.small]) == 0)
        #expect(try Self.entries(state).count == 1)
        #expect(try Self.run(a, state: state, ["--cache-limit-mb", "0", Self.sample]) == 0)
        #expect(try Self.entries(state).count == 2, "a's last run used the sample, b's the small file")
    }

    @Test func nothingIsPrunedWhileAnotherRunIsLive() throws {
        let folder = TestPaths.temporaryFolder("cache")
        let state = folder.appendingPathComponent(".detention-audit")
        let other = folder.appendingPathComponent("other")
        #expect(try Self.run(other, state: state, [Self.small]) == 0)
        // A run into `out` (default state folder beside it: the same) is paused holding the cache.
        let live = try CrashSafetyTests.startPaused(at: "file-done", out: folder.appendingPathComponent("out"))
        defer {
            kill(live.processIdentifier, SIGKILL)
            live.waitUntilExit()
        }
        let before = try Self.entries(state)
        #expect(
            try Self.run(other, state: state, ["--cache-limit-mb", "0", "Fixtures/ingest/bom-crlf/input.csv"]) == 0)
        #expect(
            Set(before).isSubset(of: Set(try Self.entries(state))), "no entry was removed while the paused run was live"
        )
    }
}
