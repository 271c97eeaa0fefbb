public import Foundation

/// The scheduling staff API as `openapi.yaml` in this folder describes it (`docs/api/scheduling.yaml` links to
/// it). The `Components`, `Operations` and `APIProtocol` declarations of this module are generated
/// from that document at build time by swift-openapi-generator, so the server cannot drift from
/// the published contract. `SchedulingService` implements `APIProtocol`.
package enum SchedulingAPIDocument {
    /// The document as published, for `GET /openapi.yaml`.
    package static func contents() throws -> Data {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "yaml") else {
            throw CocoaError(.fileNoSuchFile)
        }
        return try Data(contentsOf: url)
    }
}
