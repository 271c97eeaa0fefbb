import Foundation

/// Where a webhook may point: an absolute `https` URL, or `http` to a loopback or private address
/// (an integrator inside the municipal network); never with credentials in it. Intake checks an
/// integrator's own registration with it, notifications an administrator's subscription.
public enum WebhookURL {
    /// `text` trimmed, if it is such a URL; `nil` otherwise.
    public static func validated(_ text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard trimmed.count <= 2000, !trimmed.contains(where: { $0.isWhitespace || $0.isNewline }),
              let components = URLComponents(string: trimmed), let scheme = components.scheme?.lowercased(),
              let host = components.host, !host.isEmpty, components.user == nil, components.password == nil,
              components.fragment == nil
        else { return nil }
        switch scheme {
        case "https": return trimmed
        case "http": return isPrivate(host.lowercased()) ? trimmed : nil
        default: return nil
        }
    }

    private static func isPrivate(_ host: String) -> Bool {
        if host == "localhost" || host == "[::1]" || host == "::1" || host.hasSuffix(".local") || host.hasSuffix(".internal") { return true }
        let octets = host.split(separator: ".").compactMap { UInt8($0) }
        guard octets.count == 4 else { return false }
        switch (octets[0], octets[1]) {
        case (127, _), (10, _), (192, 168): return true
        case (172, let second): return (16...31).contains(second)
        default: return false
        }
    }
}
