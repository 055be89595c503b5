public import Foundation

/// Where the package, its fixtures and the shared real data are, found from this file's path.
public enum TestPaths {
    /// The package root (the folder holding Package.swift).
    public static let packageRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        }
        fatalError("Package.swift not found above \(#filePath)")
    }()

    public static var fixtures: URL { packageRoot.appendingPathComponent("Fixtures") }
    public static var pipelines: URL { packageRoot.appendingPathComponent("Pipelines") }

    /// `../shared/data/real` beside the checkout (present for developers and CI; never copied in).
    public static var sharedRealData: URL {
        packageRoot.deletingLastPathComponent().appendingPathComponent("shared/data/real")
    }

    public static var sharedDataAvailable: Bool {
        FileManager.default.fileExists(
            atPath: sharedRealData.appendingPathComponent("ddp-detainers-mn-st-cloud.csv").path)
    }

    /// A fresh empty folder under the system temporary directory.
    public static func temporaryFolder(_ name: String = "test") -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("detention-audit-\(name)-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Subfolders of `Fixtures/<group>` (each one case), sorted.
    public static func cases(in group: String) -> [String] {
        let folder = fixtures.appendingPathComponent(group)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted()
    }
}
