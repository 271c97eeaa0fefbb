import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One HTTP/1.1 exchange written byte for byte on a fresh loopback connection, for what the
/// test clients cannot send (a `Transfer-Encoding: chunked` body: they always add a length).
public struct RawHTTPExchange: Sendable {
    /// The status code of the answer.
    public let status: Int
    /// The answer's header fields, names lower-cased.
    public let headers: [String: String]
    /// The answer's body, as text.
    public let body: String

    /// Sends `head` (request line and header fields, without the blank line), then `body` in
    /// chunks of `chunkSize` bytes, and reads the answer until the server closes or `timeout`.
    ///
    /// The blocking socket calls run on a thread of their own, not the cooperative pool.
    public static func chunked(port: Int, head: String, body: [UInt8], chunkSize: Int = 16_384, timeout: Duration = .seconds(30)) async throws -> RawHTTPExchange {
        var request = Array((head + "\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n").utf8)
        var offset = 0
        while offset < body.count {
            let chunk = body[offset..<min(offset + chunkSize, body.count)]
            request += Array((String(chunk.count, radix: 16) + "\r\n").utf8) + chunk + Array("\r\n".utf8)
            offset += chunk.count
        }
        request += Array("0\r\n\r\n".utf8)
        let bytes = request
        let answer = try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<[UInt8], any Error>) in
            Thread { continuation.resume(with: Result { try exchange(port: port, bytes: bytes, timeout: timeout) }) }.start()
        }
        return try parse(answer)
    }

    private struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    private static func exchange(port: Int, bytes: [UInt8], timeout: Duration) throws -> [UInt8] {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw Failure(description: "socket: errno \(errno)") }
        defer { close(socket) }
        var limit = timeval(tv_sec: Int(timeout.components.seconds), tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(socket, SOL_SOCKET, SO_SNDTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw Failure(description: "connect: errno \(errno)") }
        // The server may answer (and close) before reading the whole body, as it should for a
        // body over its cap; a failed write then is expected, and the answer is read anyway.
        var sent = 0
        while sent < bytes.count {
            let written = bytes[sent...].withUnsafeBytes { send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if written <= 0 { break }
            sent += written
        }
        var answer: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = recv(socket, &buffer, buffer.count, 0)
            if count <= 0 { break }
            answer += buffer[0..<count]
        }
        return answer
    }

    private static func parse(_ answer: [UInt8]) throws -> RawHTTPExchange {
        let text = String(decoding: answer, as: UTF8.self)
        guard let end = text.range(of: "\r\n\r\n") else { throw Failure(description: "no complete answer: \(text.prefix(200))") }
        let lines = text[..<end.lowerBound].components(separatedBy: "\r\n")
        let statusLine = lines[0].split(separator: " ")
        guard statusLine.count >= 2, let status = Int(statusLine[1]) else { throw Failure(description: "bad status line \(lines[0])") }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return RawHTTPExchange(status: status, headers: headers, body: String(text[end.upperBound...]))
    }
}
