private import CAuditSystem

#if canImport(Glibc)
    import Glibc
#endif

/// A POSIX thread that can be joined (Foundation's `Thread` cannot: its object and the closure's
/// context could still be alive after the work ended, which ASan's leak check on the fuzzer saw).
final class JoinableThread: @unchecked Sendable {
    private final class Body {
        let run: () -> Void
        init(_ run: @escaping () -> Void) { self.run = run }
    }

    private var thread = pthread_t()

    init(_ run: @escaping () -> Void) {
        let context = Unmanaged.passRetained(Body(run)).toOpaque()
        let attributes = UnsafeMutablePointer<pthread_attr_t>.allocate(capacity: 1)
        defer { attributes.deallocate() }
        pthread_attr_init(attributes)
        pthread_attr_setstacksize(attributes, 8 << 20)
        let status = pthread_create(
            &thread, attributes,
            { context in
                Unmanaged<Body>.fromOpaque(context!).takeRetainedValue().run()
                return nil
            }, context)
        pthread_attr_destroy(attributes)
        precondition(status == 0, "could not start a thread (pthread_create: \(status))")
    }

    func join() { pthread_join(thread, nil) }

    /// Lowers the calling thread's scheduling priority by `niceness` (parsing workers yield to the
    /// one sequential stage, which should never wait for a core).
    static func lowerCurrentThreadPriority(by niceness: Int32 = 4) {
        _ = audit_lower_thread_priority(niceness)
    }
}
