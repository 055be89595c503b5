import Foundation
import PipelineTestSupport
import Testing

/// Every write a run makes — staging and output files, listings and their parts, the cache entry
/// and record index, spill files in TMPDIR, the workbook, the history — is made to fail with
/// "No space left on device" in turn (`DETENTION_AUDIT_FAIL_WRITE=N`, swept until a run no longer
/// reaches the Nth write). Each failure must be a clean exit 2 naming the path and the reason, keep
/// the previous outputs intact and leave no staging folder, cache temporary or spill file behind.
@Suite(.serialized) struct WriteFaultTests {
    struct Setup {
        var folder: URL
        var input: URL
        var out: URL { folder.appendingPathComponent("out") }
        var state: URL { folder.appendingPathComponent("state") }
        var temporary: URL { folder.appendingPathComponent("tmp") }

        init() throws {
            folder = TestPaths.temporaryFolder("faults")
            input = folder.appendingPathComponent("input.csv")
            let generated = try CommandLineTests.run(["generate-sample", "--rows", "300", "-o", input.path])
            #expect(generated.status == 0)
            try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
        }

        func run(failingWrite number: Int?, _ extra: [String] = []) throws -> CommandLineTests.Result {
            var environment = ["TMPDIR": temporary.path]
            if let number { environment["DETENTION_AUDIT_FAIL_WRITE"] = String(number) }
            // k = 1: the same files are written, without the disclosure audit's linear programs
            // (most of each run's time, and the sweep makes one run per write).
            return try CommandLineTests.run(
                ["run", "--quiet", "--min-count", "1", "--out", out.path, "--state", state.path] + extra + [input.path],
                environment: environment)
        }

        /// Staging folders, failed outputs, cache temporaries and spill files: none may remain.
        func leftovers() throws -> [String] {
            let manager = FileManager.default
            var found = try manager.contentsOfDirectory(atPath: folder.path).filter {
                $0.contains(".staging-") || $0.hasSuffix(".failed")
            }
            let cache = state.appendingPathComponent("cache").path
            found += ((try? manager.contentsOfDirectory(atPath: cache)) ?? []).filter { $0.hasPrefix(".tmp-") }.map {
                "cache/" + $0
            }
            found += try manager.contentsOfDirectory(atPath: temporary.path).map { "tmp/" + $0 }
            return found
        }
    }

    /// Sweeps the failing write over a run; returns how many writes the run makes.
    func sweep(_ setup: Setup, _ extra: [String], freshCache: Bool) throws -> Int {
        var previous = try Data(contentsOf: setup.out.appendingPathComponent("manifest.json"))
        for number in 1...600 {
            if freshCache { try? FileManager.default.removeItem(at: setup.state.appendingPathComponent("cache")) }
            let result = try setup.run(failingWrite: number, extra)
            if result.status == 0 { return number - 1 }
            let current = try Data(contentsOf: setup.out.appendingPathComponent("manifest.json"))
            #expect(try CrashSafetyTests.isComplete(setup.out), "write \(number): the outputs must stay complete")
            #expect(try setup.leftovers() == [], "write \(number) left something behind")
            let disk = result.stderr.contains(": error: cannot ") && result.stderr.contains("No space left on device")
            let history =
                result.stderr.contains("history.sqlite: error: ") && result.stderr.contains("database or disk is full")
            #expect(disk || history, "write \(number): the message names the path and the reason: \(result.stderr)")
            if result.status == 5 {
                // The outputs were published, then the history write failed: said so, not hidden.
                #expect(result.stderr.contains("are complete and published, but this run could not be recorded"))
                previous = current
            } else {
                #expect(result.status == 2, "write \(number): exit \(result.status): \(result.stderr)")
                #expect(current == previous, "write \(number): the previous outputs must be untouched")
            }
        }
        Issue.record("the sweep never reached a run without a failing write")
        return 0
    }

    @Test func everyWriteOfAFirstReadFailsCleanly() throws {
        let setup = try Setup()
        #expect(try setup.run(failingWrite: nil).status == 0)
        let writes = try sweep(setup, [], freshCache: true)
        #expect(writes >= 20, "the sweep covered \(writes) writes")
        #expect(try setup.run(failingWrite: nil).status == 0, "a later run succeeds after all those failures")
        #expect(try setup.leftovers() == [])
    }

    @Test func everyWriteWithoutCacheFailsCleanly() throws {
        let setup = try Setup()
        #expect(try setup.run(failingWrite: nil, ["--no-cache"]).status == 0)
        let writes = try sweep(setup, ["--no-cache"], freshCache: false)
        #expect(writes >= 20, "the sweep covered \(writes) writes")
    }
}
