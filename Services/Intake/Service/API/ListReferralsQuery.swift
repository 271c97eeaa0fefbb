import Foundation
import IntakeAPI
import ServiceRuntime

/// The rules of `GET /v1/referrals`'s query parameters, for naming the one a request broke.
enum ListReferralsQuery {
    /// The name of the first parameter in `path`'s query that cannot be decoded, if any.
    static func invalidParameter(in path: String?) -> String? {
        QueryParameters.firstInvalid(in: path) { name, value in
            switch name {
            case "limit": Int(value) != nil
            case "status": Components.Schemas.ReferralStatus(rawValue: value) != nil
            case "since": (try? RFC3339DateTranscoder().decode(value)) != nil
            default: true
            }
        }
    }
}
