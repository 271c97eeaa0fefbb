import CLibPQ
#if canImport(Glibc)
import Glibc
#endif

extension PostgresConnection {
    /// Whether the connection sits outside any transaction, as it must when returned to the pool.
    var isOutsideTransaction: Bool {
        PQtransactionStatus(handle) == PQTRANS_IDLE
    }

    /// Checks, without blocking, whether the server closed this idle connection: a terminated
    /// backend or a restarted server leaves an error message or end-of-file on the socket.
    ///
    /// Called only while no task holds the connection, so touching libpq here races with nothing.
    func isUsableAfterIdle() -> Bool {
        guard !isBroken, PQstatus(handle) == CONNECTION_OK else { return false }
        var descriptor = pollfd(fd: PQsocket(handle), events: Int16(POLLIN), revents: 0)
        guard poll(&descriptor, 1, 0) > 0 else { return true }
        // Something arrived while idle. Pooled connections never LISTEN and notices only come
        // during statements, so this is the server's farewell (a FATAL error, end-of-file):
        // the connection is dropped even if libpq has not noticed the close yet.
        _ = PQconsumeInput(handle)
        markBroken()
        return false
    }
}
