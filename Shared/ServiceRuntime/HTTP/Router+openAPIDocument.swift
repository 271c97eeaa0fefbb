import Foundation
import Hummingbird

extension Router {
    /// Serves a service's OpenAPI document, as published, at `GET /openapi.yaml`.
    public func addOpenAPIDocumentRoute(_ document: Data) {
        get("/openapi.yaml") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "application/yaml; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: document)))
        }
    }
}
