import Foundation
import PipelineTestSupport
import Testing

/// `--out`, `--state` and the inputs are checked before anything is touched: a run replaces only a
/// folder this tool wrote, follows a symbolic link to the folder it names (and locks that folder),
/// and reads only regular files, each once.
@Suite(.serialized) struct OutputSafetyTests {
    static let hint =
        "hint: --out must name a new or empty folder, or one that detention-audit wrote before; choose another\n"

    /// Runs the default pipeline (bundled sample) with these extra arguments.
    static func run(_ arguments: [String], directory: URL = TestPaths.packageRoot) throws -> CommandLineTests.Result {
        let pipeline = TestPaths.pipelines.appendingPathComponent("ice-detainers.yml").path
        return try CommandLineTests.run(["run", "--quiet", "--pipeline", pipeline] + arguments, directory: directory)
    }

    static func write(_ text: String, to url: URL) throws {
        try Data(text.utf8).write(to: url)
    }

    @Test func aRegularFileIsNeverReplaced() throws {
        let folder = TestPaths.temporaryFolder("safety")
        let file = folder.appendingPathComponent("notes.txt")
        try Self.write("keep me\n", to: file)
        let result = try Self.run(["--out", file.path])
        #expect(result.status == 2)
        #expect(
            result.stderr
                == "\(file.path): error: refusing to write outputs here: it is a file, not a folder; a run would replace it\n"
                + Self.hint)
        #expect(try String(contentsOf: file, encoding: .utf8) == "keep me\n")
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["notes.txt"],
            "nothing created beside it")
    }

    @Test func anInputIsNeverTheOutput() throws {
        let folder = TestPaths.temporaryFolder("safety")
        let input = folder.appendingPathComponent("input.csv")
        try FileManager.default.copyItem(
            at: TestPaths.fixtures.appendingPathComponent("sample/ice-detainers-sample.csv"), to: input)
        let before = try Data(contentsOf: input)
        let result = try Self.run(["--out", input.path, input.path])
        #expect(result.status == 2)
        #expect(
            result.stderr
                == "\(input.path): error: refusing to write outputs here: it is the input file \(input.path)\n"
                + Self.hint)
        #expect(try Data(contentsOf: input) == before)
    }

    @Test func aFolderHoldingAnInputIsNeverTheOutput() throws {
        let folder = TestPaths.temporaryFolder("safety")
        let input = folder.appendingPathComponent("data/input.csv")
        try FileManager.default.createDirectory(
            at: input.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: TestPaths.fixtures.appendingPathComponent("sample/ice-detainers-sample.csv"), to: input)
        let result = try Self.run(["--out", folder.path, input.path])
        #expect(result.status == 2)
        #expect(
            result.stderr
                == "\(folder.path): error: refusing to write outputs here: it contains the input file \(input.path)\n"
                + Self.hint)
        #expect(FileManager.default.fileExists(atPath: input.path))
    }

    @Test func theCurrentDirectoryAndItsParentsAreNeverTheOutput() throws {
        let folder = TestPaths.temporaryFolder("safety")
        let work = folder.appendingPathComponent("work")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        try Self.write("tracked\n", to: work.appendingPathComponent("file.txt"))
        let here = try Self.run(["--out", "."], directory: work)
        #expect(here.status == 2)
        #expect(here.stderr == ".: error: refusing to write outputs here: it is the current directory\n" + Self.hint)
        let parent = try Self.run(["--out", ".."], directory: work)
        #expect(parent.status == 2)
        #expect(
            parent.stderr
                == "..: error: refusing to write outputs here: it contains the current directory \(work.path)\n"
                + Self.hint)
        #expect(try String(contentsOf: work.appendingPathComponent("file.txt"), encoding: .utf8) == "tracked\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["work"])
    }

    @Test func theRepositoryWithItsPipelinesIsNeverTheOutput() throws {
        let result = try CommandLineTests.run(["run", "--quiet", "--out", "Pipelines"])
        #expect(result.status == 2)
        #expect(
            result.stderr.hasPrefix(
                "Pipelines: error: refusing to write outputs here: it contains the pipeline definition \(TestPaths.pipelines.path)/ice-detainers.yml\n"
            ))
        #expect(
            FileManager.default.fileExists(atPath: TestPaths.pipelines.appendingPathComponent("ice-detainers.yml").path)
        )
    }

    @Test func theStateFolderIsNeverTheOutput() throws {
        let folder = TestPaths.temporaryFolder("safety")
        let state = folder.appendingPathComponent("state")
        let result = try Self.run(["--out", state.path, "--state", state.path])
        #expect(result.status == 2)
        #expect(
            result.stderr
                == "\(state.path): error: refusing to write outputs here: it is the state folder (history and cache) \(state.path)\n"
                + Self.hint)
        #expect(!FileManager.default.fileExists(atPath: state.path))
    }

    @Test func aFolderOfSomethingElseIsNeverReplaced() throws {
        let out = TestPaths.temporaryFolder("safety").appendingPathComponent("photos")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        for name in ["a.jpg", "b.jpg", "c.jpg", "d.jpg"] { try Self.write(name, to: out.appendingPathComponent(name)) }
        let result = try Self.run(["--out", out.path])
        #expect(result.status == 2)
        #expect(
            result.stderr
                == "\(out.path): error: refusing to write outputs here: it is a folder that detention-audit did not write "
                + "(it holds 'a.jpg', 'b.jpg', 'c.jpg', …), and a run replaces the whole folder\n" + Self.hint)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: out.path).sorted() == [
                "a.jpg", "b.jpg", "c.jpg", "d.jpg",
            ])
    }

    @Test func anEmptyFolderIsAdoptedAndMarked() throws {
        let out = TestPaths.temporaryFolder("safety").appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        #expect(try Self.run(["--out", out.path]).status == 0)
        let marker = try String(contentsOf: out.appendingPathComponent(".detention-audit-output"), encoding: .utf8)
        #expect(marker.hasPrefix("This folder holds the outputs of one detention-audit run."))
        // A file the user adds afterwards makes the folder theirs again: the next run refuses it.
        #expect(try Self.run(["--out", out.path]).status == 0)
        try Self.write("mine", to: out.appendingPathComponent("my-notes.txt"))
        try FileManager.default.removeItem(at: out.appendingPathComponent(".detention-audit-output"))
        let refused = try Self.run(["--out", out.path])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("it is a folder that detention-audit did not write"))
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("my-notes.txt").path))
    }

    @Test func outputsOfAnEarlierVersionWithoutTheMarkerAreReplaced() throws {
        let out = TestPaths.temporaryFolder("safety").appendingPathComponent("out")
        #expect(try Self.run(["--out", out.path]).status == 0)
        try FileManager.default.removeItem(at: out.appendingPathComponent(".detention-audit-output"))
        // Every file is listed in the manifest: the folder is this tool's outputs.
        #expect(try Self.run(["--out", out.path]).status == 0)
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(".detention-audit-output").path))
    }

    @Test func aFailedRunNeverRemovesAForeignFailedFolder() throws {
        let folder = TestPaths.temporaryFolder("safety")
        let out = folder.appendingPathComponent("out")
        let failed = folder.appendingPathComponent("out.failed")
        try FileManager.default.createDirectory(at: failed, withIntermediateDirectories: true)
        try Self.write("mine", to: failed.appendingPathComponent("thesis.docx"))
        let result = try Self.run([
            "--out", out.path, TestPaths.fixtures.appendingPathComponent("ingest/ragged-rows/input.csv").path,
        ])
        #expect(result.status == 3)
        #expect(try String(contentsOf: failed.appendingPathComponent("thesis.docx"), encoding: .utf8) == "mine")
        let kept = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter {
            $0.hasPrefix(".out.staging-")
        }
        #expect(kept.count == 1, "the failed run's outputs stay in its staging folder instead")
        #expect(result.stderr.contains("are in \(folder.path)/\(kept.first ?? "?")"))
    }

    @Test func aSymlinkedOutputFolderSharesTheLockAndKeepsTheLink() throws {
        let folder = TestPaths.temporaryFolder("safety")
        let out = folder.appendingPathComponent("out")
        let link = folder.appendingPathComponent("link")
        #expect(try Self.run(["--out", out.path]).status == 0)
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: out)
        let holder = try CrashSafetyTests.startPaused(at: "locked", out: out)
        let second = try Self.run(["--out", link.path])
        kill(holder.processIdentifier, SIGKILL)
        holder.waitUntilExit()
        #expect(second.status == 4)
        #expect(
            second.stderr.hasPrefix("\(out.path): error: another detention-audit run (pid \(holder.processIdentifier))")
        )

        #expect(try Self.run(["--out", link.path]).status == 0)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == out.path, "the link is kept")
        #expect(try CrashSafetyTests.isComplete(out))
    }
}
