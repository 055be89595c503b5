import Crypto
import Foundation
import PipelineTestSupport
import Testing

/// SIGKILL at any point of a run leaves the output folder holding one complete run's outputs, and a
/// second run on the same folder while one is running is refused with exit code 4.
@Suite(.serialized) struct CrashSafetyTests {
    /// Starts the executable paused at `point` and returns once it says so.
    static func startPaused(at point: String, out: URL) throws -> Process {
        let process = Process()
        process.executableURL = CommandLineTests.executable
        // k = 1 (here and in the first run): the same files, without the disclosure audit's time.
        process.arguments = ["run", "--quiet", "--min-count", "1", "--out", out.path]
        process.currentDirectoryURL = TestPaths.packageRoot
        var environment = ProcessInfo.processInfo.environment
        environment["DETENTION_AUDIT_PAUSE_AT"] = point
        process.environment = environment
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = Pipe()
        try process.run()
        var seen = Data()
        while !String(decoding: seen, as: UTF8.self).contains("paused at \(point)") {
            let chunk = errors.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            seen.append(chunk)
        }
        return process
    }

    /// Every file the manifest lists exists with the size and SHA-256 it records.
    static func isComplete(_ out: URL) throws -> Bool {
        let manifest =
            try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("manifest.json")))
            as! [String: Any]
        for output in manifest["outputs"] as! [[String: Any]] {
            let data = try Data(contentsOf: out.appendingPathComponent(output["path"] as! String))
            let digest = SHA256.hash(data: data).map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
            if data.count != output["bytes"] as! Int || digest != output["sha256"] as! String { return false }
        }
        return true
    }

    @Test(arguments: ["locked", "file-done", "staged", "swapped"])
    func killedRunLeavesCompleteOutputs(_ point: String) throws {
        let out = TestPaths.temporaryFolder("crash").appendingPathComponent("out")
        let first = try CommandLineTests.run(["run", "--quiet", "--min-count", "1", "--out", out.path])
        #expect(first.status == 0)
        let before = try Data(contentsOf: out.appendingPathComponent("manifest.json"))

        let process = try Self.startPaused(at: point, out: out)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)

        #expect(try Self.isComplete(out), "outputs after SIGKILL at \(point) must be one complete run")
        if point != "swapped" {
            #expect(
                try Data(contentsOf: out.appendingPathComponent("manifest.json")) == before,
                "the previous outputs must be untouched")
        }
        // The next run succeeds, and leaves no staging folder behind.
        #expect(try CommandLineTests.run(["run", "--quiet", "--min-count", "1", "--out", out.path]).status == 0)
        #expect(try Self.isComplete(out))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: out.deletingLastPathComponent().path).filter
        { $0.contains(".staging-") }
        #expect(leftovers.isEmpty)
    }

    @Test func concurrentRunIsRefused() throws {
        let out = TestPaths.temporaryFolder("lock").appendingPathComponent("out")
        let holder = try Self.startPaused(at: "locked", out: out)
        defer {
            kill(holder.processIdentifier, SIGKILL)
            holder.waitUntilExit()
        }
        let second = try CommandLineTests.run(["run", "--quiet", "--out", out.path])
        #expect(second.status == 4)
        #expect(
            second.stderr
                == "\(out.path): error: another detention-audit run (pid \(holder.processIdentifier)) is writing this output folder; this run stopped without touching it\n"
        )
    }

    @Test func historyListsRuns() throws {
        let out = TestPaths.temporaryFolder("history").appendingPathComponent("out")
        #expect(try CommandLineTests.run(["run", "--quiet", "--out", out.path]).status == 0)
        #expect(
            try CommandLineTests.run(["run", "--quiet", "--out", out.path, "Fixtures/ingest/ragged-rows/input.csv"])
                .status == 3)
        let result = try CommandLineTests.run(["history", "--out", out.path])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines[0].hasPrefix("id  started"))
        #expect(lines[1].hasPrefix("2 ") && lines[1].contains(" rejected  3 "))
        #expect(lines[2].hasPrefix("    error: Fixtures/ingest/ragged-rows/input.csv: 5 of 7 rows rejected"))
        #expect(
            lines[3].hasPrefix("1 ")
                && lines[3].contains(
                    " ok        0     1       5000       4875       104        21         0          ice-detainers")
        )
    }
}
