import CCurl
@testable import NotificationsService
import Testing

@Suite("SMTP send outcomes")
struct EmailSenderTests {
    @Test("a session libcurl completes is delivered, with the server's last reply when there is one")
    func delivered() {
        #expect(EmailSender.outcome(CURLE_OK, reply: 250) == .delivered(peerStatus: 250))
        #expect(EmailSender.outcome(CURLE_OK, reply: 0) == .delivered(peerStatus: nil))
    }

    @Test("a refused mailbox or address is a failure for good; another permanent 5xx is a rejection")
    func rejected() {
        for reply in [501, 550, 551, 552, 553] {
            #expect(EmailSender.outcome(CURLE_RECV_ERROR, reply: reply) == .failed(peerStatus: reply, reason: "address_rejected"), "\(reply)")
        }
        #expect(EmailSender.outcome(CURLE_RECV_ERROR, reply: 554) == .failed(peerStatus: 554, reason: "peer_rejected"))
    }

    @Test("a temporary 4xx is tried again")
    func deferred() {
        #expect(EmailSender.outcome(CURLE_RECV_ERROR, reply: 451) == .retry(peerStatus: 451, error: "peer_deferred", peerAsked: nil))
        #expect(EmailSender.outcome(CURLE_RECV_ERROR, reply: 421) == .retry(peerStatus: 421, error: "peer_deferred", peerAsked: nil))
    }

    @Test("authentication and TLS problems, which an operator can fix, are tried again")
    func operatorFixable() {
        #expect(EmailSender.outcome(CURLE_LOGIN_DENIED, reply: 535) == .retry(peerStatus: 535, error: "smtp_login_denied", peerAsked: nil))
        #expect(EmailSender.outcome(CURLE_RECV_ERROR, reply: 530) == .retry(peerStatus: 530, error: "smtp_auth_required", peerAsked: nil))
        #expect(EmailSender.outcome(CURLE_USE_SSL_FAILED, reply: 0) == .retry(peerStatus: nil, error: "tls_unavailable", peerAsked: nil))
        #expect(
            EmailSender.outcome(CURLE_PEER_FAILED_VERIFICATION, reply: 0)
                == .retry(peerStatus: nil, error: "tls_verification_failed", peerAsked: nil))
    }

    @Test("a connection that fails or times out is tried again")
    func connection() {
        #expect(EmailSender.outcome(CURLE_COULDNT_CONNECT, reply: 0) == .retry(peerStatus: nil, error: "connection_failed", peerAsked: nil))
        #expect(EmailSender.outcome(CURLE_OPERATION_TIMEDOUT, reply: 0) == .retry(peerStatus: nil, error: "timeout", peerAsked: nil))
        #expect(EmailSender.outcome(CURLE_OPERATION_TIMEDOUT, reply: 250) == .retry(peerStatus: 250, error: "timeout", peerAsked: nil))
    }
}
