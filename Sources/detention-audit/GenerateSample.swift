import ArgumentParser
import SampleData

extension DetentionAudit {
    /// `detention-audit generate-sample`: writes seeded sample records in the raw ICE detainer layout.
    struct GenerateSample: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "generate-sample",
            abstract:
                "Write deterministic sample ICE detainer records (raw ERO-LESA column layout) for demos and benchmarks."
        )

        @Option(help: "Number of data records.") var rows = 5_000
        @Option(help: "Random seed; the same seed gives byte-identical output.") var seed: UInt64 = 20_081_027
        @Option(name: .shortAndLong, help: "Output file.") var output: String

        func run() throws {
            var options = SampleGenerator.Options()
            options.rows = rows
            options.seed = seed
            try SampleGenerator(options: options).write(toPath: output)
        }
    }
}
