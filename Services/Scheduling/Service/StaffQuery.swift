import Foundation
import SchedulingAPI

/// The query parameters of the staff API's reads (`GET /v1/cases`, `/v1/holidays`,
/// `/v1/work-plans`, `/v1/methodological-visits`), checked one by one. The generated server
/// decodes each parameter on its own and reports a failure without the parameter's name; this
/// finds it, so that the problem is a 422 pointing at it rather than a 400 about a body the
/// request does not have.
enum StaffQuery {
    /// The name of the first parameter in `path`'s query that cannot be decoded, if any.
    static func invalidParameter(in path: String?) -> String? {
        guard let path, let items = URLComponents(string: path)?.queryItems else { return nil }
        for item in items {
            let value = item.value ?? ""
            let valid =
                switch item.name {
                case "limit", "year": Int(value) != nil
                case "state": Components.Schemas.CaseState(rawValue: value) != nil
                case "kind": Components.Schemas.CaseKind(rawValue: value) != nil
                default: true
                }
            if !valid { return item.name }
        }
        return nil
    }
}
