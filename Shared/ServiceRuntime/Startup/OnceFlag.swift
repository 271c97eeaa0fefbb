import Synchronization

/// Lets exactly one caller through, for the process-wide bootstraps that trap when repeated.
final class OnceFlag: Sendable {
    private let claimed = Mutex(false)

    /// Returns `true` to the first caller only.
    func claim() -> Bool {
        claimed.withLock { claimed in
            defer { claimed = true }
            return !claimed
        }
    }
}
