import Foundation

/// Docker's convention for secrets: a variable `NAME_FILE=/run/secrets/x` stands for `NAME` set to
/// that file's contents. Compose mounts secrets as files so that they appear neither in the
/// image nor in `docker inspect`; every Accord process (the services and `accord`) reads its
/// environment through this.
///
/// Only Accord's secrets are read this way (``secrets``, with or without a service prefix:
/// `PGPASSWORD_FILE`, `INTAKE_FINGERPRINT_KEY_FILE`). Other programs' `…_FILE` variables in the
/// same environment (`SSL_CERT_FILE`, a shell's own) are not Accord's to read or to refuse.
public enum SecretFileEnvironment {
    /// The settings that may come from a file.
    public static let secrets: Set<String> = [
        "PGPASSWORD", "DATABASE_URL", "STAFF_TOKEN_SECRET", "SECRETS_KEY", "FINGERPRINT_KEY",
        "SMTP_USERNAME", "SMTP_PASSWORD", "SMS_GATEWAY_TOKEN",
    ]
    private static let prefixes = ["", "INTAKE_", "SCHEDULING_", "MONITORING_", "NOTIFICATIONS_"]

    /// A `NAME_FILE` whose file cannot be read; the message names the variable, not the secret.
    public struct UnreadableFile: Error, CustomStringConvertible {
        /// The variable, e.g. `PGPASSWORD_FILE`.
        public let variable: String
        /// Explains it for the operator.
        public var description: String { "\(variable) names a file that cannot be read" }
    }

    /// `environment` with every `NAME_FILE` read into `NAME`; a `NAME` set directly wins. One
    /// trailing line break is dropped: editors and `echo` add it, and no password ends with one.
    public static func resolved(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws -> [String: String] {
        var resolved = environment
        for (variable, path) in environment where variable.hasSuffix("_FILE") {
            let name = String(variable.dropLast(5))
            guard environment[name] == nil, prefixes.contains(where: { name.hasPrefix($0) && secrets.contains(String(name.dropFirst($0.count))) })
            else { continue }
            guard let contents = FileManager.default.contents(atPath: path) else { throw UnreadableFile(variable: variable) }
            var value = String(decoding: contents, as: UTF8.self)
            if value.hasSuffix("\r\n") { value.removeLast(2) } else if value.hasSuffix("\n") { value.removeLast() }
            resolved[name] = value
        }
        return resolved
    }
}
