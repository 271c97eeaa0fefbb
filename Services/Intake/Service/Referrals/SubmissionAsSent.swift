import Foundation
import HTTPTypes
import OpenAPIRuntime
import Synchronization

/// Writes a referral's stored submission into `GET /v1/referrals/{referralId}` exactly as the
/// integrator sent it: the same bytes, key order, whitespace, escapes and explicit `null`s. The
/// generated server can only encode typed values, which would sort the keys and drop the nulls,
/// so the handler answers without the submission, leaves the stored text in ``current``, and this
/// middleware adds it as the answer's last member.
struct SubmissionAsSent: ServerMiddleware {
    /// The member one request's answer gains: its name (`referral` or `school_identification`)
    /// and its JSON text.
    final class Slot: Sendable {
        let member = Mutex<(name: String, json: String)?>(nil)
    }

    /// Set for the duration of one `getReferral`.
    @TaskLocal static var current: Slot?

    func intercept(
        _ request: HTTPRequest, body: HTTPBody?, metadata: ServerRequestMetadata, operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, ServerRequestMetadata) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        guard operationID == "getReferral" else { return try await next(request, body, metadata) }
        let slot = Slot()
        var (response, answer) = try await Self.$current.withValue(slot) { try await next(request, body, metadata) }
        guard let member = slot.member.withLock({ $0 }), let answer else { return (response, answer) }
        var bytes = try await [UInt8](collecting: answer, upTo: .max)
        // The answer is one compact JSON object with its required members; the submission
        // becomes its last.
        guard bytes.last == UInt8(ascii: "}") else { return (response, HTTPBody(bytes)) }
        bytes.removeLast()
        bytes += Array(",\"\(member.name)\":".utf8) + Array(member.json.utf8) + [UInt8(ascii: "}")]
        response.headerFields[.contentLength] = nil
        return (response, HTTPBody(bytes))
    }
}
