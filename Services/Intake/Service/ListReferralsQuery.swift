import Foundation
import IntakeAPI
import ServiceRuntime

/// The query parameters of `GET /v1/referrals`, checked one by one. The generated server decodes
/// each parameter on its own and reports a failure without the parameter's name; this finds it,
/// so the problem document can point at it.
enum ListReferralsQuery {
    /// The name of the first parameter in `path`'s query that cannot be decoded, if any.
    static func invalidParameter(in path: String?) -> String? {
        guard let path, let items = URLComponents(string: path)?.queryItems else { return nil }
        for item in items {
            let value = item.value ?? ""
            let valid =
                switch item.name {
                case "limit": Int(value) != nil
                case "status": Components.Schemas.ReferralStatus(rawValue: value) != nil
                case "since": (try? RFC3339DateTranscoder().decode(value)) != nil
                default: true
                }
            if !valid { return item.name }
        }
        return nil
    }
}
