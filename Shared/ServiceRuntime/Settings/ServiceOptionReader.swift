import Configuration

/// Reads a service's own settings (beside the shared ``ServiceSettings``) as text, the way the
/// environment gives them, and turns a value out of range into one ``ServiceOptionError`` naming
/// the variable, so the process exits 78 with a line an operator can act on.
public struct ServiceOptionReader: Sendable {
    let reader: ConfigReader
    let service: ServiceIdentity

    /// A reader of `service`'s settings.
    public init(_ reader: ConfigReader, service: ServiceIdentity) {
        self.reader = reader
        self.service = service
    }

    /// The raw text of `key` (whitespace trimmed), or `nil` when it is unset or empty.
    public func text(_ key: String) async throws -> String? {
        let raw = try await reader.fetchString(forKey: ConfigKey(key))?.trimmingCharacters(in: .whitespaces)
        return raw?.isEmpty == false ? raw : nil
    }

    /// `key` parsed by `parse`; `defaultValue` when unset; an error naming `variable` and `expected`
    /// when `parse` refuses it.
    public func value<Value>(
        _ key: String, _ variable: String, expected: String, default defaultValue: Value, parse: (String) -> Value?
    ) async throws -> Value {
        guard let raw = try await text(key) else { return defaultValue }
        guard let value = parse(raw) else { throw ServiceOptionError(variable: variable, service: service, expected: expected) }
        return value
    }

    /// An integer setting within `range`.
    public func integer(_ key: String, _ variable: String, default defaultValue: Int, range: ClosedRange<Int>) async throws -> Int {
        try await value(key, variable, expected: "an integer from \(range.lowerBound) to \(range.upperBound)", default: defaultValue) {
            Int($0).flatMap { range.contains($0) ? $0 : nil }
        }
    }
}

/// A service's own setting that is present but unusable; its value is not repeated (it may be a
/// secret pasted into the wrong variable).
public struct ServiceOptionError: Error, CustomStringConvertible, Equatable {
    /// The environment variable, without the service's prefix.
    public let variable: String
    /// The service whose prefix also sets it.
    public let prefix: String
    /// What it should have been.
    public let expected: String

    /// An error naming `variable` of `service`, which should have been `expected`.
    public init(variable: String, service: ServiceIdentity, expected: String) {
        self.variable = variable
        prefix = service.name.uppercased()
        self.expected = expected
    }

    /// `RATE_LIMIT_PER_SECOND (or INTAKE_RATE_LIMIT_PER_SECOND) must be …`.
    public var description: String {
        "\(variable) (or \(prefix)_\(variable)) must be \(expected)"
    }
}
