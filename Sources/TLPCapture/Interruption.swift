import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// SIGINT and SIGTERM as a request to stop: the handler only records the signal; the read
/// loops look at ``requested`` after each record and a blocked read returns early (the handler
/// is installed without `SA_RESTART`), so a run ends cleanly between two records. A second
/// signal kills as usual (`SA_RESETHAND`).
public enum Interruption {
    /// An atomic, so the handler's store and the loops' loads need no exclusivity bookkeeping
    /// (which is neither signal-safe nor free once per record).
    private static let signalled = Atomic<Int32>(0)

    /// The signal that asked the run to stop, or 0.
    public static var requested: Int32 { signalled.load(ordering: .relaxed) }

    public static func install() {
        // A parent may start us with the signals blocked (threads of test runners and job
        // servers often do); a blocked SIGINT would never reach the handler.
        var unblock = sigset_t()
        sigemptyset(&unblock)
        sigaddset(&unblock, SIGINT)
        sigaddset(&unblock, SIGTERM)
        sigprocmask(SIG_UNBLOCK, &unblock, nil)
        for number in [SIGINT, SIGTERM] {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { Interruption.signalled.store($0, ordering: .relaxed) }
            action.sa_flags = Int32(truncatingIfNeeded: SA_RESETHAND)
            sigemptyset(&action.sa_mask)
            sigaction(number, &action, nil)
        }
    }
}
