import Foundation

/// Docker's convention for secrets: a variable `NAME_FILE=/run/secrets/x` stands for `NAME` set to
/// that file's contents. Compose mounts secrets as files so that they appear neither in the
/// image nor in `docker inspect`; every Accord process (the services and `accord`) reads its
/// environment through this, so `PGPASSWORD_FILE`, `STAFF_TOKEN_SECRET_FILE`,
/// `INTAKE_FINGERPRINT_KEY_FILE` and the like work for any setting.
public enum SecretFileEnvironment {
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
        for (variable, path) in environment where variable.hasSuffix("_FILE") && variable.count > 5 {
            let name = String(variable.dropLast(5))
            guard environment[name] == nil else { continue }
            guard let contents = FileManager.default.contents(atPath: path) else { throw UnreadableFile(variable: variable) }
            var value = String(decoding: contents, as: UTF8.self)
            if value.hasSuffix("\r\n") { value.removeLast(2) } else if value.hasSuffix("\n") { value.removeLast() }
            resolved[name] = value
        }
        return resolved
    }
}
