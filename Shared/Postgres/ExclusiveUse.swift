import Synchronization

/// Checks, in debug builds, what a comment claims: that a non-thread-safe thing (a `PGconn`, a
/// handler's transaction) is used by one task at a time. Two overlapping uses stop the program
/// with `what` in the message; in release builds it costs nothing (as NIO's `NIOLoopBound`
/// checks its event loop only in debug).
public final class ExclusiveUse: Sendable {
    #if DEBUG
    private let inUse = Atomic<Bool>(false)
    #endif
    private let what: StaticString

    /// A check for `what`, named in the message when two uses overlap.
    public init(_ what: StaticString) {
        self.what = what
    }

    /// Runs `body` as the only use at this moment.
    @inlinable
    public func run<T>(_ body: () async throws -> T) async rethrows -> T {
        begin()
        defer { end() }
        return try await body()
    }

    @usableFromInline
    func begin() {
        #if DEBUG
        let wasInUse = inUse.exchange(true, ordering: .acquiring)
        precondition(!wasInUse, "\(what) used by two tasks at once")
        #endif
    }

    @usableFromInline
    func end() {
        #if DEBUG
        inUse.store(false, ordering: .releasing)
        #endif
    }
}
