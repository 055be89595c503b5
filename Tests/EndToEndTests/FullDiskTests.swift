import Foundation
import PipelineTestSupport
import Testing

/// A real full disk: small tmpfs mounts (where this machine allows mounting — root in a sandbox
/// that permits it; elsewhere the suite is skipped with that reason). `WriteFaultTests` covers every
/// write site without mounting anything.
@Suite(
    .serialized, .enabled(if: TmpfsProbe.canMount, "cannot mount a tmpfs here (needs root and a kernel that allows it)")
)
struct FullDiskTests {
    typealias TmpfsMount = TmpfsProbe.Mount

    static func input() throws -> URL {
        let input = TestPaths.temporaryFolder("tmpfs-input").appendingPathComponent("input.csv")
        #expect(try CommandLineTests.run(["generate-sample", "--rows", "300", "-o", input.path]).status == 0)
        return input
    }

    @Test func aFullOutputDiskFailsCleanlyAndKeepsThePreviousOutputs() throws {
        let disk = try TmpfsMount(kilobytes: 4096)
        defer { disk.unmount() }
        let input = try Self.input()
        let out = disk.folder.appendingPathComponent("out")
        let state = TestPaths.temporaryFolder("tmpfs-state").path
        #expect(
            try CommandLineTests.run(["run", "--quiet", "--out", out.path, "--state", state, input.path]).status == 0)
        let before = try Data(contentsOf: out.appendingPathComponent("manifest.json"))
        try disk.fill(leaving: 24)

        let result = try CommandLineTests.run([
            "run", "--quiet", "--no-cache", "--out", out.path, "--state", state, input.path,
        ])
        #expect(result.status == 2)
        #expect(
            result.stderr.hasPrefix(disk.folder.path + "/.out.staging-"), "the message names the path: \(result.stderr)"
        )
        #expect(
            result.stderr.contains(
                ": No space left on device\nhint: free space on that disk, or choose a folder on another one"))
        #expect(try Data(contentsOf: out.appendingPathComponent("manifest.json")) == before)
        #expect(try CrashSafetyTests.isComplete(out))
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: disk.folder.path).sorted() == [
                ".out.lock", "filler", "out",
            ], "no staging folder left")
    }

    @Test func aFullStateDiskFailsCleanly() throws {
        let disk = try TmpfsMount(kilobytes: 4096)
        defer { disk.unmount() }
        let input = try Self.input()
        let out = TestPaths.temporaryFolder("tmpfs-out").appendingPathComponent("out")
        let state = disk.folder.appendingPathComponent("state")
        #expect(
            try CommandLineTests.run(["run", "--quiet", "--out", out.path, "--state", state.path, input.path]).status
                == 0)
        try disk.fill(leaving: 8)
        // A changed input must be cached anew: its entry no longer fits.
        try FileManager.default.removeItem(at: state.appendingPathComponent("cache"))

        let result = try CommandLineTests.run(["run", "--quiet", "--out", out.path, "--state", state.path, input.path])
        // Exit 2 when the history's first write or the cache fails; 5 when only the history's last
        // write did (the outputs are published, and the run says it could not be recorded).
        #expect(
            result.status == 2 || (result.status == 5 && result.stderr.contains("could not be recorded")),
            "\(result.stderr)")
        #expect(result.stderr.hasPrefix(state.path), "the message names the path: \(result.stderr)")
        #expect(result.stderr.contains("No space left on device") || result.stderr.contains("database or disk is full"))
        #expect(try CrashSafetyTests.isComplete(out))
        let cache =
            (try? FileManager.default.contentsOfDirectory(atPath: state.appendingPathComponent("cache").path)) ?? []
        #expect(cache.filter { $0.hasPrefix(".tmp-") } == [], "no cache temporary left")
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: out.deletingLastPathComponent().path).filter {
                $0.contains("staging")
            } == [])
    }
}

/// Whether this machine lets the tests mount a tmpfs, and the mounts they make.
enum TmpfsProbe {
    static let canMount: Bool = {
        guard let mount = try? Mount(kilobytes: 64) else { return false }
        mount.unmount()
        return true
    }()

    /// A tmpfs of a given size mounted on a fresh folder.
    struct Mount {
        let folder: URL

        init(kilobytes: Int) throws {
            folder = TestPaths.temporaryFolder("tmpfs")
            let status = try Self.command(
                "/bin/mount", ["-t", "tmpfs", "-o", "size=\(kilobytes)k", "tmpfs", folder.path])
            guard status == 0 else { throw CocoaError(.fileWriteNoPermission) }
        }

        func unmount() { _ = try? Self.command("/bin/umount", [folder.path]) }

        /// Fills the disk, leaving about `kilobytes` free.
        func fill(leaving kilobytes: Int) throws {
            _ = try Self.command("/bin/dd", ["if=/dev/zero", "of=\(folder.path)/filler", "bs=1k", "count=100000"])
            let attributes = try FileManager.default.attributesOfFileSystem(forPath: folder.path)
            let free = (attributes[.systemFreeSize] as? Int) ?? 0
            let filler = folder.appendingPathComponent("filler")
            let size = (try FileManager.default.attributesOfItem(atPath: filler.path)[.size] as? Int) ?? 0
            _ = try Self.command(
                "/usr/bin/truncate", ["-s", String(max(0, size + free - kilobytes * 1024)), filler.path])
        }

        static func command(_ path: String, _ arguments: [String]) throws -> Int32 {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: path)
            process.arguments = arguments
            process.standardOutput = Pipe()
            process.standardError = Pipe()
            try process.run()
            process.waitUntilExit()
            return process.terminationStatus
        }
    }
}
