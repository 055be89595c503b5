import Foundation
import PipelineTestSupport
import Testing

/// The history is part of the run: a row is written when a run starts, so killed runs show as
/// interrupted and lock-refused ones as refused; writes wait for another connection to let go.
@Suite(.serialized) struct HistoryRecordingTests {
    static func history(_ arguments: [String]) throws -> [String] {
        let result = try CommandLineTests.run(["history"] + arguments)
        #expect(result.status == 0, "\(result.stderr)")
        return result.stdout.split(separator: "\n").map(String.init)
    }

    @Test func aKilledRunShowsAsInterrupted() throws {
        let out = TestPaths.temporaryFolder("history").appendingPathComponent("out")
        let process = try CrashSafetyTests.startPaused(at: "file-done", out: out)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let lines = try Self.history(["--out", out.path])
        #expect(lines.count == 3)
        #expect(lines[1].hasPrefix("1   ") && lines[1].contains(" interrupted -     0       -"))
        #expect(
            lines[2]
                == "    the run ended before it finished (killed, or the machine stopped); its outputs were not published"
        )
    }

    @Test func aLockRefusedRunShowsAsRefused() throws {
        let out = TestPaths.temporaryFolder("history").appendingPathComponent("out")
        let holder = try CrashSafetyTests.startPaused(at: "locked", out: out)
        let second = try CommandLineTests.run(["run", "--quiet", "--out", out.path])
        kill(holder.processIdentifier, SIGKILL)
        holder.waitUntilExit()
        #expect(second.status == 4)
        let lines = try Self.history(["--out", out.path])
        #expect(lines[1].hasPrefix("2   ") && lines[1].contains(" refused   4 "))
        #expect(
            lines[2].hasPrefix("    \(out.path): error: another detention-audit run (pid \(holder.processIdentifier))"))
        #expect(lines[3].hasPrefix("1   ") && lines[3].contains(" interrupted -"))
    }

    @Test func historyOfOneFolderListsOnlyItsRuns() throws {
        let folder = TestPaths.temporaryFolder("history")
        let state = folder.appendingPathComponent("state").path
        let a = folder.appendingPathComponent("a").path
        let b = folder.appendingPathComponent("b").path
        for out in [a, b, a] {
            #expect(try CommandLineTests.run(["run", "--quiet", "--state", state, "--out", out]).status == 0)
        }
        let onlyA = try Self.history(["--state", state, "--out", a])
        #expect(onlyA.count == 3 && onlyA[1].hasPrefix("3   ") && onlyA[2].hasPrefix("1   "))
        // The sample declares no date ranges: 0 rows superseded, in its own column.
        #expect(onlyA[0].hasSuffix(" rejected   superseded pipeline"))
        #expect(onlyA[1].hasSuffix(" 0          ice-detainers"))
        let all = try Self.history(["--state", state])
        #expect(all.count == 4)
        #expect(all[1].hasSuffix(" ice-detainers \(a)") && all[2].hasSuffix(" ice-detainers \(b)"))
    }

    /// A reader holding the database (an analyst's `sqlite3`) delays the run; it does not lose it.
    @Test func aRunWaitsForAnotherConnectionToLetGo() throws {
        let folder = TestPaths.temporaryFolder("history")
        let out = folder.appendingPathComponent("out")
        #expect(try CommandLineTests.run(["run", "--quiet", "--out", out.path]).status == 0)
        let database = folder.appendingPathComponent(".detention-audit/history.sqlite").path
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        holder.arguments = [
            "python3", "-c",
            "import sqlite3, sys, time\nc = sqlite3.connect(sys.argv[1], isolation_level=None)\nc.execute('BEGIN EXCLUSIVE')\n"
                + "print('locked', flush=True)\ntime.sleep(2)\nc.execute('COMMIT')",
            database,
        ]
        let output = Pipe()
        holder.standardOutput = output
        try holder.run()
        _ = output.fileHandleForReading.availableData  // "locked"
        let started = Date()
        let run = try CommandLineTests.run(["run", "--quiet", "--out", out.path])
        holder.waitUntilExit()
        #expect(run.status == 0, "\(run.stderr)")
        #expect(Date().timeIntervalSince(started) >= 1.5, "the run waited for the lock")
        let lines = try Self.history(["--out", out.path])
        #expect(lines.count == 3 && lines[1].hasPrefix("2   ") && lines[1].contains(" ok        0 "))
    }
}
