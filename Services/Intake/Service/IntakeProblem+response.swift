import Foundation
import Hummingbird
import IntakeAPI

extension IntakeProblem {
    /// The problem as an `application/problem+json` response.
    func response() -> Response {
        let document = Components.Schemas.Problem(
            _type: type, title: title, titleRu: titleRu, status: Int(status.code), detail: detail, detailRu: detailRu,
            errors: issues.isEmpty
                ? nil
                : issues.map { .init(pointer: $0.pointer, code: $0.code, message: $0.message, messageRu: $0.messageRu) },
            existingReferralId: existingReferralID?.description)
        let body = (try? IntakeJSON.encoder.encode(document)) ?? Data()
        var headers: HTTPFields = [.contentType: "application/problem+json", .contentLanguage: "en, ru"]
        if let retryAfter { headers[.retryAfter] = String(retryAfter) }
        if let existingReferralID { headers[.location] = "/v1/referrals/\(existingReferralID)" }
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }
}

/// The JSON coders intake uses outside the generated server: problem documents out, stored
/// submissions in.
enum IntakeJSON {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()
    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }()
}
