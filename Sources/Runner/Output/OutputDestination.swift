import AuditCore
import Foundation

/// Decides, before anything is touched, whether a run may replace the folder `--out` names.
///
/// A run swaps in a whole new folder and removes the old one, so it may replace only what it made:
/// a folder holding `OutputDestination.markerName` (written into every staged output folder), a
/// folder of an earlier version (its `manifest.json` is detention-audit's and lists every file in
/// it), an empty folder (adopted), or nothing yet. It never replaces a file, the current directory
/// or a folder above it, nor a folder holding an input, the pipeline, a reference table, the state
/// folder or the history database.
struct OutputDestination {
    static let markerName = BuiltInOutputs.ownershipMarker
    static let markerText = """
        This folder holds the outputs of one detention-audit run. Each run replaces the whole folder,
        so keep nothing else here: detention-audit refuses to replace a folder without this file.

        """

    /// Something the output folder must neither be nor contain.
    struct Protected {
        var path: String
        var role: String
    }

    /// The canonical folder the run writes (a symbolic link given as `--out` is followed).
    let path: String

    static func check(_ requested: String, protecting protected: [Protected], currentDirectory: String)
        throws(RunnerError) -> OutputDestination
    {
        if CanonicalPath.isDanglingLink(requested) {
            throw .outputRefused(path: requested, reason: "it is a symbolic link to something that does not exist")
        }
        let path = CanonicalPath.of(requested)
        let refuse = { (reason: String) in RunnerError.outputRefused(path: requested, reason: reason) }
        for item in protected {
            if item.path == path { throw refuse("it is the \(item.role) \(item.path)") }
            if CanonicalPath.contains(path, item.path) { throw refuse("it contains the \(item.role) \(item.path)") }
        }
        let here = CanonicalPath.of(currentDirectory)
        if path == here { throw refuse("it is the current directory") }
        if CanonicalPath.contains(path, here) { throw refuse("it contains the current directory \(here)") }
        try checkReplaceable(path, refuse: refuse)
        return OutputDestination(path: path)
    }

    /// Nothing, an empty folder, or a folder this tool wrote.
    private static func checkReplaceable(_ path: String, refuse: (String) -> RunnerError) throws(RunnerError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return }
        guard isDirectory.boolValue else { throw refuse("it is a file, not a folder; a run would replace it") }
        guard !isOwned(path) else { return }
        let entries = ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted()
        guard !entries.isEmpty else { return }
        let shown = entries.prefix(3).map { "'\($0)'" }.joined(separator: ", ") + (entries.count > 3 ? ", …" : "")
        throw refuse(
            "it is a folder that detention-audit did not write (it holds \(shown)), and a run replaces the whole folder"
        )
    }

    /// Whether `folder` is an empty folder or one this tool wrote (marker, or an earlier version's
    /// complete outputs).
    static func isReplaceable(_ folder: String) -> Bool {
        isOwned(folder) || ((try? FileManager.default.contentsOfDirectory(atPath: folder))?.isEmpty ?? false)
    }

    static func isOwned(_ folder: String) -> Bool {
        if FileManager.default.fileExists(atPath: folder + "/" + markerName) { return true }
        return isEarlierVersionOutput(folder)
    }

    /// Outputs written before the marker existed: detention-audit's manifest, listing every file there.
    private static func isEarlierVersionOutput(_ folder: String) -> Bool {
        guard let data = FileManager.default.contents(atPath: folder + "/manifest.json"),
            let manifest = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let tool = manifest["tool"] as? [String: Any], tool["name"] as? String == ToolInfo.name,
            let outputs = manifest["outputs"] as? [[String: Any]]
        else { return false }
        let listed = Set(outputs.compactMap { $0["path"] as? String } + ["manifest.json"])
        let enumerator = FileManager.default.enumerator(atPath: folder)
        while let name = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            FileManager.default.fileExists(atPath: folder + "/" + name, isDirectory: &isDirectory)
            if !isDirectory.boolValue && !listed.contains(name) { return false }
        }
        return true
    }
}
