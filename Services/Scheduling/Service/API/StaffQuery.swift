import Foundation
import SchedulingAPI
import ServiceRuntime

/// The rules of the staff API's query parameters (`GET /v1/cases`, `/v1/holidays`,
/// `/v1/work-plans`, `/v1/methodological-visits`), for naming the one a request broke: a 422
/// pointing at it rather than a 400 about a body the request does not have.
enum StaffQuery {
    /// The name of the first parameter in `path`'s query that cannot be decoded, if any.
    static func invalidParameter(in path: String?) -> String? {
        QueryParameters.firstInvalid(in: path) { name, value in
            switch name {
            case "limit", "year": Int(value) != nil
            case "state": Components.Schemas.CaseState(rawValue: value) != nil
            case "kind": Components.Schemas.CaseKind(rawValue: value) != nil
            default: true
            }
        }
    }
}
