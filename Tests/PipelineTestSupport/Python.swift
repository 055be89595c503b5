public import Foundation

/// Runs a short Python program as an independent reader of the tool's outputs (openpyxl, zipfile,
/// sqlite3, SciPy), so that tests never check an output with the code that wrote it.
public enum Python {
    public struct Result: Sendable {
        public var status: Int32
        public var stdout: String
    }

    /// `python3 -c program arguments…`, standard output as UTF-8 text.
    public static func run(_ program: String, _ arguments: [String]) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", program] + arguments
        process.environment = ProcessInfo.processInfo.environment.merging(["PYTHONIOENCODING": "utf-8"]) { $1 }
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: text)
    }
}
