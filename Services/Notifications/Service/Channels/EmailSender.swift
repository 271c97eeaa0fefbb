import CCurl
import Foundation

/// Sends email through the configured SMTP server with libcurl: STARTTLS as configured, AUTH
/// with the configured credentials, one connection per message. libcurl blocks, so each send
/// runs on a thread of its own, never on Swift's cooperative pool.
struct EmailSender: Sendable {
    let settings: SMTPSettings
    let senderName: String
    let timeout: Duration

    /// libcurl's global set-up, which is not thread-safe: once, before the first send.
    private static let globalSetUp: Void = { _ = curl_global_init(Int(CURL_GLOBAL_DEFAULT)) }()

    func send(_ message: RenderedMessage, to address: String, deliveryID: UUID, now: Date) async -> SendOutcome {
        let email = EmailMessage(
            from: settings.from, fromName: senderName, to: address, subject: message.subject, body: message.body, deliveryID: deliveryID, date: now)
        let bytes = email.bytes
        return await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: sendBlocking(bytes, to: address)) }.start()
        }
    }

    /// The message being uploaded and how far libcurl has read it.
    private final class Upload {
        let bytes: Data
        var offset = 0
        init(_ bytes: Data) { self.bytes = bytes }
    }

    private func sendBlocking(_ bytes: Data, to address: String) -> SendOutcome {
        Self.globalSetUp
        guard let curl = curl_easy_init() else { return .retry(peerStatus: nil, error: "curl_unavailable", peerAsked: nil) }
        defer { curl_easy_cleanup(curl) }
        let recipients = curl_slist_append(nil, "<\(address)>")
        defer { curl_slist_free_all(recipients) }
        let upload = Upload(bytes)
        let context = Unmanaged.passRetained(upload)
        defer { context.release() }
        let milliseconds = Int(timeout.components.seconds) * 1000
        _ = accord_curl_set_string(curl, CURLOPT_URL, settings.url)
        _ = accord_curl_set_string(curl, CURLOPT_MAIL_FROM, "<\(settings.from)>")
        _ = accord_curl_set_list(curl, CURLOPT_MAIL_RCPT, recipients)
        _ = accord_curl_set_long(curl, CURLOPT_UPLOAD, 1)
        _ = accord_curl_set_long(curl, CURLOPT_NOSIGNAL, 1)
        _ = accord_curl_set_long(curl, CURLOPT_TIMEOUT_MS, milliseconds)
        _ = accord_curl_set_long(curl, CURLOPT_CONNECTTIMEOUT_MS, min(milliseconds, 10_000))
        _ = accord_curl_set_long(curl, CURLOPT_USE_SSL, Int(Self.tlsLevel(settings.tls).rawValue))
        if let username = settings.username { _ = accord_curl_set_string(curl, CURLOPT_USERNAME, username) }
        if let password = settings.password { _ = accord_curl_set_string(curl, CURLOPT_PASSWORD, password) }
        if let caFile = settings.caFile { _ = accord_curl_set_string(curl, CURLOPT_CAINFO, caFile) }
        _ = accord_curl_set_pointer(curl, CURLOPT_READDATA, context.toOpaque())
        _ = accord_curl_set_read_function(curl) { buffer, size, count, pointer in
            let upload = Unmanaged<Upload>.fromOpaque(pointer!).takeUnretainedValue()
            let length = min(size * count, upload.bytes.count - upload.offset)
            guard length > 0, let buffer else { return 0 }
            upload.bytes.copyBytes(to: UnsafeMutableRawPointer(buffer).assumingMemoryBound(to: UInt8.self), from: upload.offset..<(upload.offset + length))
            upload.offset += length
            return length
        }
        let code = curl_easy_perform(curl)
        if code == CURLE_OPERATION_TIMEDOUT { Self.abandonConnection(of: curl) }
        return Self.outcome(code, reply: accord_curl_response_code(curl))
    }

    /// After a timeout libcurl keeps the session open, and `curl_easy_cleanup` would send QUIT
    /// and wait for the server (up to two minutes), so a slow server could still answer the
    /// message's DATA with 250 after the attempt was logged as a timeout and retried: a copy
    /// per attempt. Shutting the socket down first makes the QUIT fail at once and tells the
    /// server the session is gone, so the attempt ends at its timeout.
    private static func abandonConnection(of curl: UnsafeMutableRawPointer) {
        let socket = accord_curl_active_socket(curl)
        if socket >= 0 { _ = shutdown(socket, Int32(SHUT_RDWR)) }
    }

    private static func tlsLevel(_ tls: SMTPSettings.TLS) -> curl_usessl {
        switch tls {
        case .required: CURLUSESSL_ALL
        case .opportunistic: CURLUSESSL_TRY
        case .none: CURLUSESSL_NONE
        }
    }

    /// How an SMTP session ended: accepted; an address or message the server refuses for good
    /// (5xx other than authentication and TLS, which an operator can fix); or a try later.
    static func outcome(_ code: CURLcode, reply: Int) -> SendOutcome {
        let status = reply == 0 ? nil : reply
        if code == CURLE_OK { return .delivered(peerStatus: status) }
        switch (code, reply) {
        case (CURLE_LOGIN_DENIED, _): return .retry(peerStatus: status, error: "smtp_login_denied", peerAsked: nil)
        case (CURLE_USE_SSL_FAILED, _), (CURLE_SSL_CONNECT_ERROR, _): return .retry(peerStatus: status, error: "tls_unavailable", peerAsked: nil)
        case (CURLE_PEER_FAILED_VERIFICATION, _): return .retry(peerStatus: status, error: "tls_verification_failed", peerAsked: nil)
        case (CURLE_OPERATION_TIMEDOUT, _): return .retry(peerStatus: status, error: "timeout", peerAsked: nil)
        case (_, 501), (_, 550...553): return .failed(peerStatus: status, reason: "address_rejected")
        case (_, 530), (_, 535), (_, 538): return .retry(peerStatus: status, error: "smtp_auth_required", peerAsked: nil)
        case (_, 500..<600): return .failed(peerStatus: status, reason: "peer_rejected")
        case (_, 400..<500): return .retry(peerStatus: status, error: "peer_deferred", peerAsked: nil)
        default: return .retry(peerStatus: status, error: "connection_failed", peerAsked: nil)
        }
    }
}
