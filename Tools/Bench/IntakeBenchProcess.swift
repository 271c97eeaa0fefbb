import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A child process of `accord-bench intake` (the service under test, wrk, pgbench), started with
/// `posix_spawn` rather than Foundation's `Process`.
///
/// Why not `Process`: a child it starts inherits a blocked SIGALRM (so `pgbench -T` never ends),
/// and its exit is sometimes never reported here. This starts the child with an empty signal
/// mask and default dispositions, and learns of its exit by polling `waitpid` for that pid only.
/// Output goes to a file, not a pipe, so a chatty child can never block on a full pipe while the
/// benchmark waits for it.
struct BenchChild: Sendable {
    /// The child's process id.
    let pid: pid_t
    /// What it runs, for messages.
    let name: String
    /// The file its standard output and standard error go to.
    let output: URL

    /// How a child ended.
    enum Ending: Equatable, CustomStringConvertible {
        case exited(Int32)
        case signalled(Int32)

        var description: String {
            switch self {
            case .exited(let code): "exit status \(code)"
            case .signalled(let signal): "signal \(signal)"
            }
        }
    }

    /// Starts `executable` with `arguments` and exactly `environment`; stdin is `/dev/null`,
    /// stdout and stderr both go to `output` (created or truncated).
    static func start(_ executable: String, _ arguments: [String], environment: [String: String], output: URL) throws -> BenchChild {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var emptyMask = sigset_t()
        sigemptyset(&emptyMask)
        posix_spawnattr_setsigmask(&attributes, &emptyMask)
        // Whatever this process ignores or handles, the child starts with the defaults: pgbench
        // relies on SIGALRM, and the service must die of SIGTERM if its own handler is not yet set.
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGALRM, SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGPIPE, SIGCHLD, SIGUSR1, SIGUSR2] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)

        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard status == 0 else {
            throw BenchChildFailure(description: "cannot start \(executable): \(String(cString: strerror(status)))")
        }
        return BenchChild(pid: pid, name: URL(fileURLWithPath: executable).lastPathComponent, output: output)
    }

    /// How the child ended, if it has; reaps it then.
    func poll() -> Ending? {
        var status: Int32 = 0
        let result = waitpid(pid, &status, WNOHANG)
        guard result == pid else { return nil }
        // The <sys/wait.h> macros, which Swift does not import.
        let signal = status & 0x7F
        return signal == 0 ? .exited((status >> 8) & 0xFF) : .signalled(signal)
    }

    /// Waits for the child to end, checking every 20 ms; `nil` when `timeout` passes first.
    func wait(timeout: Duration) async throws -> Ending? {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let ending = poll() { return ending }
            try await Task.sleep(for: .milliseconds(20))
        }
        return poll()
    }

    /// Sends SIGTERM and waits up to `grace` for a graceful exit, then SIGKILL.
    @discardableResult
    func stop(grace: Duration = .seconds(10)) async -> Ending? {
        if let ending = poll() { return ending }
        kill(pid, SIGTERM)
        if let ending = try? await wait(timeout: grace) { return ending }
        kill(pid, SIGKILL)
        return try? await wait(timeout: .seconds(5))
    }

    /// What the child wrote, as text.
    func outputText() -> String {
        (try? String(contentsOf: output, encoding: .utf8)) ?? ""
    }

    /// The last `lines` lines of its output, for error messages.
    func outputTail(_ lines: Int = 20) -> String {
        outputText().split(separator: "\n", omittingEmptySubsequences: false).suffix(lines).joined(separator: "\n")
    }
}

/// A child could not be started, failed, or did not answer in time.
struct BenchChildFailure: Error, CustomStringConvertible {
    let description: String
}

/// Loopback networking the benchmark needs without an HTTP client library.
enum Loopback {
    /// A TCP port on 127.0.0.1 that nothing listens on now (the kernel picks it; a race with
    /// another process taking it before the service binds is possible but harmless: start fails).
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw BenchChildFailure(description: "socket(): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                bind(fd, socketAddress, length) == 0 && getsockname(fd, socketAddress, &length) == 0
            }
        }
        guard bound else { throw BenchChildFailure(description: "bind(127.0.0.1:0): \(String(cString: strerror(errno)))") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// The status code of `GET path` on 127.0.0.1:`port`, or `nil` when nothing answers.
    /// Blocking, with a one-second socket timeout: only used while waiting for the service to start.
    static func getStatus(port: Int, path: String) -> Int? {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var timeout = timeval(tv_sec: 1, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
        guard connected else { return nil }
        let request = Array("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n\r\n".utf8)
        guard request.withUnsafeBytes({ send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }) == request.count else { return nil }
        var buffer = [UInt8](repeating: 0, count: 64)
        let received = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        guard received > 12 else { return nil }
        // "HTTP/1.1 200 OK": the three digits after the first space.
        let statusLine = String(decoding: buffer[0..<received], as: UTF8.self)
        return statusLine.split(separator: " ").dropFirst().first.flatMap { Int($0) }
    }
}
