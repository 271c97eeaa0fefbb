import CLibPQ
import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Waits until libpq's sockets can be read or written, for every connection of the process, on
/// one thread with one epoll set.
///
/// A statement is sent from the task that runs it (libpq in non-blocking mode never waits), and
/// the task then suspends here until the server's answer arrives. Registering a wait is one
/// `epoll_ctl`, which does not wake the poller; the poller wakes once for all the sockets that
/// became ready together. A thread per connection, as before, cost two thread hand-offs per
/// statement (to the connection's thread and back) and kept a blocked thread per connection.
final class PostgresSocketPoller: Sendable {
    /// The process's poller, started on first use.
    static let shared = PostgresSocketPoller()

    private let epoll: Int32
    /// The task waiting on each socket; a socket has at most one, as a connection serves one task.
    private let waiters = Mutex<[Int32: CheckedContinuation<Void, Never>]>([:])

    private init() {
        epoll = epoll_create1(Int32(EPOLL_CLOEXEC))
        precondition(epoll >= 0, "epoll_create1 failed: errno \(errno)")
        let thread = Thread { [self] in loop() }
        thread.name = "accord-pg-poller"
        thread.start()
    }

    /// Returns once `socket` is readable (or writable), has an error, or was hung up on: the
    /// caller's next libpq call then reads what arrived or reports what went wrong.
    func wait(for socket: Int32, writable: Bool = false) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            waiters.withLock { $0[socket] = continuation }
            var event = epoll_event()
            // One-shot: the wait is consumed by the wake-up, and the socket stays quiet until
            // the next statement's wait re-arms it.
            event.events = (writable ? EPOLLOUT.rawValue : EPOLLIN.rawValue) | EPOLLONESHOT.rawValue
            event.data.fd = socket
            // A socket is added on its first wait and modified on the later ones; a closed
            // socket leaves the set by itself, so its number may come back as a new one.
            if epoll_ctl(epoll, EPOLL_CTL_MOD, socket, &event) != 0,
               errno != ENOENT || epoll_ctl(epoll, EPOLL_CTL_ADD, socket, &event) != 0 {
                // Not a socket epoll can watch (closed under us): let libpq report it.
                waiters.withLock { $0.removeValue(forKey: socket) }?.resume()
            }
        }
    }

    private func loop() {
        var events = [epoll_event](repeating: epoll_event(), count: 64)
        while true {
            let count = events.withUnsafeMutableBufferPointer { epoll_wait(epoll, $0.baseAddress, Int32($0.count), -1) }
            guard count > 0 else { continue }  // EINTR
            for index in 0..<Int(count) {
                let socket = events[index].data.fd
                waiters.withLock { $0.removeValue(forKey: socket) }?.resume()
            }
        }
    }
}
