import MonitoringAPI
import ServiceRuntime

/// The rules of `GET /v1/reports`' query parameters, for naming the one a request broke: a 422
/// pointing at it rather than a 400.
enum ReportQuery {
    /// The name of the first parameter in `path`'s query that cannot be decoded, if any.
    static func invalidParameter(in path: String?) -> String? {
        QueryParameters.firstInvalid(in: path) { name, value in
            switch name {
            case "scope": Components.Schemas.Scope(rawValue: value) != nil
            default: true
            }
        }
    }
}
