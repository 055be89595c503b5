import AuditCore
import Foundation
import Ingest
import PipelineTestSupport
import Testing
import Yams

#if canImport(Glibc)
    import Glibc
#endif

/// Inputs that cannot be read as a file fail as a whole with `IngestError.unreadable`, naming the file
/// and the reason, before any row is delivered (README "Reading real files"; the command line maps it
/// to exit code 2, see CommandLineTests).
@Suite struct UnreadableInputTests {
    static func pipeline() throws -> PipelineDefinition {
        let yaml = try String(
            contentsOf: TestPaths.fixtures.appendingPathComponent("ingest/quoted-fields/pipeline.yml"), encoding: .utf8)
        return try YAMLDecoder().decode(PipelineDefinition.self, from: yaml)
    }

    /// Reads `path` and fails the test if any row comes out.
    static func read(_ path: String, as name: String) throws -> FileIngestSummary {
        try RecordReader(pipeline: pipeline()).read(
            path: path, displayName: name,
            onRecord: { record, _ in Issue.record("record \(record.lineage.record) delivered from an unreadable input")
            },
            onReject: { reject in Issue.record("reject \(reject.lineage.record) delivered from an unreadable input") })
    }

    /// Whether this process opens files whatever their permission bits say: root, or a process with
    /// CAP_DAC_OVERRIDE (CI containers usually run tests as root). Probed, not assumed from the uid.
    static let permissionBitsAreBypassed: Bool = {
        let path = TestPaths.temporaryFolder("permission-probe").appendingPathComponent("probe.csv").path
        guard
            FileManager.default.createFile(
                atPath: path, contents: Data("x\n".utf8), attributes: [.posixPermissions: 0o000])
        else {
            return false
        }
        defer { try? FileManager.default.removeItem(atPath: path) }
        let descriptor = open(path, O_RDONLY)
        if descriptor >= 0 { close(descriptor) }
        return descriptor >= 0
    }()

    /// A copy of the quoted-fields fixture with permissions `0o000`.
    static func lockedCopy() throws -> String {
        let path = TestPaths.temporaryFolder("unreadable").appendingPathComponent("locked.csv").path
        try FileManager.default.copyItem(
            atPath: TestPaths.fixtures.appendingPathComponent("ingest/quoted-fields/input.csv").path, toPath: path)
        try FileManager.default.setAttributes([.posixPermissions: 0o000], ofItemAtPath: path)
        return path
    }

    @Test func directoryGivenAsInputIsUnreadable() throws {
        let folder = TestPaths.temporaryFolder("unreadable-folder")
        try Data("Detainer Prepare Date\n2017-01-01\n".utf8).write(to: folder.appendingPathComponent("inside.csv"))
        let expected = IngestError.unreadable(path: "exports", reason: "it is a directory, not a file")
        #expect(throws: expected) { try Self.read(folder.path, as: "exports") }
        #expect(throws: expected) { try InputFile.check(path: folder.path, displayName: "exports") }
        // `inspect` names the file by its path.
        #expect(throws: IngestError.unreadable(path: folder.path, reason: "it is a directory, not a file")) {
            try Inspector.inspect(path: folder.path)
        }
        #expect(expected.description == "exports: error: cannot read the file: it is a directory, not a file")
    }

    @Test func missingFileIsUnreadable() throws {
        let path = TestPaths.temporaryFolder("unreadable-missing").appendingPathComponent("gone.csv").path
        let expected = IngestError.unreadable(path: "gone.csv", reason: "No such file or directory")
        #expect(throws: expected) { try Self.read(path, as: "gone.csv") }
        #expect(throws: expected) { try InputFile.check(path: path, displayName: "gone.csv") }
        #expect(expected.description == "gone.csv: error: cannot read the file: No such file or directory")
    }

    /// `chmod 000` stops an ordinary user: the error names the file and says why.
    @Test(
        .enabled(
            if: !permissionBitsAreBypassed,
            "this process opens files whatever their permission bits (root or CAP_DAC_OVERRIDE)"))
    func fileWithoutReadPermissionIsUnreadable() throws {
        let path = try Self.lockedCopy()
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path) }
        let expected = IngestError.unreadable(path: "locked.csv", reason: "Permission denied")
        #expect(throws: expected) { try Self.read(path, as: "locked.csv") }
        #expect(throws: expected) { try InputFile.check(path: path, displayName: "locked.csv") }
        #expect(expected.description == "locked.csv: error: cannot read the file: Permission denied")
    }

    /// As root the permission bits do not apply (tests usually run as root in containers): the tool
    /// does not second-guess the operating system, so the file is read in full like any other. This
    /// asserts that behaviour rather than pretending the file was unreadable.
    @Test(
        .enabled(
            if: permissionBitsAreBypassed,
            "this process is subject to permission bits; see fileWithoutReadPermissionIsUnreadable"))
    func fileWithoutReadPermissionIsReadWhenPermissionsAreBypassed() throws {
        let path = try Self.lockedCopy()
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path) }
        try InputFile.check(path: path, displayName: "locked.csv")
        var records = 0
        let summary = try RecordReader(pipeline: Self.pipeline()).read(
            path: path, displayName: "locked.csv", onRecord: { _, _ in records += 1 }, onReject: { _ in })
        #expect(summary.rowsRead == 6 && records == 6 && summary.rowsRejected == 0)
    }

    #if os(Linux)
        /// A read that fails after the file opened (a disk or network error mid-file) is the same error,
        /// with the system's reason. `/proc/self/mem` opens, but reading at offset 0 fails with EIO —
        /// for root too, so this path is exercised wherever the tests run.
        @Test(.enabled(if: FileManager.default.fileExists(atPath: "/proc/self/mem")))
        func readErrorAfterOpenIsUnreadable() throws {
            #expect(throws: IngestError.unreadable(path: "mem.csv", reason: "Input/output error")) {
                try Self.read("/proc/self/mem", as: "mem.csv")
            }
        }
    #endif
}
