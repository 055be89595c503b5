import ArgumentParser

/// The `detention-audit` command: parses options, calls the library, maps outcomes to exit codes.
@main
struct DetentionAudit: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "detention-audit",
        abstract: "Classify ICE enforcement records and count how far a program strays from its stated targets.",
        discussion: """
            Exit codes: 0 success (warnings may be printed); 1 unexpected internal error; \
            2 bad input or configuration (unreadable file, invalid pipeline, header not found); \
            3 rejected rows above the pipeline's stop threshold (nothing published); \
            4 another run holds the output folder's lock; 64 usage error.
            """,
        version: "0.1.0",
        subcommands: [Run.self, History.self, Inspect.self, Validate.self, GenerateSample.self],
        defaultSubcommand: Run.self
    )
}
