import Foundation
import Hummingbird

/// The headers every answer of an Accord service carries, whatever route or error produced it.
///
/// - `X-Content-Type-Options: nosniff` everywhere, so a browser never runs a JSON or CSV answer
///   (which may quote what a caller submitted) as a script or a page.
/// - Text answers (`text/html`, `text/csv`, `text/plain`) name `charset=utf-8`: without it a
///   browser may guess a legacy Cyrillic code page and garble every Russian or Kazakh word.
/// - HTML answers (the printable report and conclusion) get a `Content-Security-Policy` that
///   allows their own inline styles and nothing else: no scripts, frames, forms or fetches, so
///   a name in a report can never become active content.
public struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    /// The policy of every HTML page the services produce: self-contained, styled inline.
    public static var htmlPolicy: String {
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    }

    /// The middleware; it has no settings.
    public init() {}

    /// Adds the headers to the answer `next` gives.
    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        response.headers[.xContentTypeOptions] = "nosniff"
        if let contentType = response.headers[.contentType] {
            let mediaType = contentType.split(separator: ";", maxSplits: 1)[0].trimmingCharacters(in: .whitespaces).lowercased()
            if mediaType.hasPrefix("text/"), !contentType.lowercased().contains("charset=") {
                response.headers[.contentType] = "\(mediaType); charset=utf-8"
            }
            if mediaType == "text/html" {
                response.headers[.contentSecurityPolicy] = Self.htmlPolicy
            }
        }
        return response
    }
}
