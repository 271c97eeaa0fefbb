public import Foundation

/// The monitoring API as `openapi.yaml` in this folder describes it (`docs/api/monitoring.yaml`
/// links to it). `Components`, `Operations` and `APIProtocol` are generated from that document at
/// build time by swift-openapi-generator; `MonitoringService` implements `APIProtocol`.
package enum MonitoringAPIDocument {
    /// The document as published, for `GET /openapi.yaml`.
    package static func contents() throws -> Data {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "yaml") else {
            throw CocoaError(.fileNoSuchFile)
        }
        return try Data(contentsOf: url)
    }
}
