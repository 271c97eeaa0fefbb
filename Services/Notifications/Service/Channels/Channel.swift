/// How a message reaches its recipient.
public enum Channel: String, Sendable, Hashable, CaseIterable, Codable {
    /// Email over SMTP.
    case email
    /// SMS through the HTTP gateway.
    case sms
    /// A signed HTTP POST to an integrator's subscription.
    case webhook
}
