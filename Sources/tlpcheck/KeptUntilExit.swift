/// Values a command built that live until the process exits: the exit gives their memory back
/// at once, where freeing them one allocation at a time costs instructions for nothing (a
/// verifier of 10,000 tuples and its result: about 6 million, a tenth of the run's start-up).
/// Only for values made once per run, never in a loop.
enum KeptUntilExit {
    nonisolated(unsafe) private static var values: [Any] = []

    static func keep(_ value: Any) { values.append(value) }
}
