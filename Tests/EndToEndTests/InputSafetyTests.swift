import Foundation
import PipelineTestSupport
import Testing

/// Only regular files are read, and the same file named twice — by path, link or content — is
/// refused instead of doubling every count.
@Suite(.serialized) struct InputSafetyTests {
    static let sample = TestPaths.fixtures.appendingPathComponent("sample/ice-detainers-sample.csv")
    static let twiceHint = "name it once (or set duplicates.allow_identical_inputs: true in the pipeline to count each)"

    static func run(_ inputs: [String], pipeline: String = "Pipelines/ice-detainers.yml") throws -> (
        CommandLineTests.Result, URL
    ) {
        let out = TestPaths.temporaryFolder("inputs").appendingPathComponent("out")
        return (try CommandLineTests.run(["run", "--quiet", "--pipeline", pipeline, "--out", out.path] + inputs), out)
    }

    @Test func aCharacterDeviceIsRefusedAtOnce() throws {
        let (result, out) = try Self.run(["/dev/zero"])
        #expect(result.status == 2)
        #expect(
            result.stderr == "/dev/zero: error: cannot read the file: it is a character device, not a regular file; "
                + "only regular files are read (save the data to a file first)\n")
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    @Test func aFIFOWithoutWriterIsRefusedInsteadOfBlocking() throws {
        let fifo = TestPaths.temporaryFolder("inputs").appendingPathComponent("pipe.csv")
        #expect(mkfifo(fifo.path, 0o600) == 0)
        let (result, _) = try Self.run([fifo.path])
        #expect(result.status == 2)
        #expect(
            result.stderr
                == "\(fifo.path): error: cannot read the file: it is a FIFO (named pipe), not a regular file; "
                + "only regular files are read (save the data to a file first)\n")
    }

    @Test(arguments: ["same path", "dot path", "symlink", "hard link"])
    func oneFileNamedTwiceIsRefused(_ spelling: String) throws {
        let folder = TestPaths.temporaryFolder("inputs")
        let file = folder.appendingPathComponent("s.csv")
        try FileManager.default.copyItem(at: Self.sample, to: file)
        let other: String
        switch spelling {
        case "same path": other = file.path
        case "dot path": other = folder.path + "/./s.csv"
        case "symlink":
            other = folder.appendingPathComponent("link.csv").path
            try FileManager.default.createSymbolicLink(atPath: other, withDestinationPath: file.path)
        default:
            other = folder.appendingPathComponent("hard.csv").path
            try FileManager.default.linkItem(atPath: file.path, toPath: other)
        }
        let (result, out) = try Self.run([file.path, other])
        #expect(result.status == 2)
        #expect(
            result.stderr
                == "\(other): error: '\(file.path)' and '\(other)' are the same file, so it would be counted twice; \(Self.twiceHint)\n"
        )
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    @Test func aCopyWithTheSameContentIsRefused() throws {
        let folder = TestPaths.temporaryFolder("inputs")
        let copy = folder.appendingPathComponent("copy.csv")
        try FileManager.default.copyItem(at: Self.sample, to: copy)
        let (result, out) = try Self.run([Self.sample.path, copy.path])
        #expect(result.status == 2)
        #expect(
            result.stderr.hasPrefix(
                "\(copy.path): error: it has the same content as 'Fixtures/sample/ice-detainers-sample.csv' "
                    + "(2342006 bytes, SHA-256 "))
        #expect(
            result.stderr.hasSuffix(
                "…), so its records would be counted twice; name one of them "
                    + "(or set duplicates.allow_identical_inputs: true in the pipeline to count each)\n"))
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    @Test func aPipelineMayAllowIdenticalInputs() throws {
        let folder = TestPaths.temporaryFolder("inputs")
        var text = try String(
            contentsOf: TestPaths.pipelines.appendingPathComponent("ice-detainers.yml"), encoding: .utf8)
        text = text.replacingOccurrences(
            of: "  exact_rows: true\n", with: "  exact_rows: true\n  allow_identical_inputs: true\n")
        text = text.replacingOccurrences(
            of: "  offenses: reference/offenses.meta.yml\n",
            with:
                "  offenses: \(TestPaths.pipelines.path)/reference/offenses.meta.yml\n  targets: \(TestPaths.pipelines.path)/targets/secure-communities.yml\n"
        )
        let pipeline = folder.appendingPathComponent("twice.yml")
        try Data(text.utf8).write(to: pipeline)
        let (result, out) = try Self.run([Self.sample.path, Self.sample.path], pipeline: pipeline.path)
        #expect(result.status == 0, "\(result.stderr)")
        let manifest =
            try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("manifest.json")))
            as? [String: Any]
        let totals = manifest?["totals"] as? [String: Any]
        #expect(totals?["rows_counted"] as? Int == 9750, "4,875 counted from each of the two")
    }
}
