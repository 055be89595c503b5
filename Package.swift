// swift-tools-version:6.0
import PackageDescription

/// Settings every target shares (swift-log's upcoming-feature loop).
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "detention-audit",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "detention-audit", targets: ["DetentionAuditCLI"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", exact: "0.9.20"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.1.0"),
    ],
    targets: [
        // C libraries, each a bare module map and a one-line header.
        .systemLibrary(name: "CLibCSV", providers: [.apt(["libcsv-dev"])]),
        .systemLibrary(name: "CAuditZlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CXXHash", providers: [.apt(["libxxhash-dev"])]),
        // GLPK, the linear-programming solver behind disclosure control's audit.
        .systemLibrary(name: "CGLPK", providers: [.apt(["libglpk-dev"])]),
        // Linux renameat2(RENAME_EXCHANGE), for swapping a finished output folder into place atomically.
        .systemLibrary(name: "CAuditSystem"),

        // Shared value types: records, findings, labels, pipeline definitions.
        .target(name: "AuditCore", swiftSettings: strictSettings),
        // The byte hash and open-addressing number table that ingest's intern tables and the
        // aggregate's counting cells share: performance helpers, not part of the core's meaning.
        .target(name: "HashTables", swiftSettings: strictSettings),

        // Stages: each sees only the core.
        .target(
            name: "Ingest",
            dependencies: [
                "AuditCore", "HashTables", "CLibCSV", "CAuditZlib", "CXXHash", "CAuditSystem",
                .product(name: "DequeModule", package: "swift-collections"),
            ],
            swiftSettings: strictSettings
        ),
        .target(name: "Classify", dependencies: ["AuditCore"], swiftSettings: strictSettings),
        .target(name: "Aggregate", dependencies: ["AuditCore", "HashTables"], swiftSettings: strictSettings),
        .target(
            name: "Reports",
            dependencies: ["AuditCore", "CGLPK", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            // Optimised in every configuration: the disclosure audit's bookkeeping around GLPK is most
            // of a debug run's time (the bundled sample: 12.6 s → 9.7 s), and the test suite runs it often.
            swiftSettings: strictSettings + [.unsafeFlags(["-O"])]
        ),

        // Seeded generator of sample data in the raw ICE detainer layout.
        .target(name: "SampleData", swiftSettings: strictSettings),

        // Wires the stages, loads Pipelines/, writes outputs.
        .target(
            name: "Runner",
            dependencies: [
                "AuditCore", "Ingest", "Classify", "Aggregate", "Reports",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "GRDB", package: "GRDB.swift"),
                "CAuditSystem",
            ],
            swiftSettings: strictSettings
        ),

        // The thin command-line front end.
        .executableTarget(
            name: "DetentionAuditCLI",
            dependencies: [
                "Runner", "AuditCore", "SampleData",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Sources/detention-audit",
            swiftSettings: strictSettings
        ),

        // libFuzzer target over the ingest stage (scripts/fuzz). A plain build replays files given as
        // arguments; built with -DFUZZING and -sanitize=fuzzer it exports LLVMFuzzerTestOneInput.
        .executableTarget(
            name: "IngestFuzzer",
            dependencies: ["Ingest", "AuditCore"],
            path: "Fuzz/IngestFuzzer",
            swiftSettings: strictSettings
        ),

        // Tests: one target per module plus shared support.
        .target(
            name: "PipelineTestSupport", dependencies: ["AuditCore"], path: "Tests/PipelineTestSupport",
            swiftSettings: strictSettings),
        .testTarget(
            name: "IngestTests",
            dependencies: ["Ingest", "AuditCore", "PipelineTestSupport", .product(name: "Yams", package: "Yams")],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "ClassifyTests",
            dependencies: [
                "Classify", "Ingest", "AuditCore", "PipelineTestSupport", .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: strictSettings),
        .testTarget(name: "AggregateTests", dependencies: ["Aggregate", "AuditCore"], swiftSettings: strictSettings),
        .testTarget(
            name: "ReportsTests", dependencies: ["Reports", "AuditCore", "PipelineTestSupport"],
            swiftSettings: strictSettings),
        .testTarget(
            name: "RunnerTests",
            dependencies: ["Runner", "Reports", "Ingest", "AuditCore", "SampleData", "PipelineTestSupport"],
            swiftSettings: strictSettings),
        .testTarget(
            name: "EndToEndTests",
            dependencies: [
                "DetentionAuditCLI", "PipelineTestSupport", .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strictSettings
        ),
    ]
)
