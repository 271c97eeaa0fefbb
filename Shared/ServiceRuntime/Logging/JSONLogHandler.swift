import Foundation
import Logging

/// A swift-log handler writing one JSON object per line, for log shippers.
///
/// Each line has `timestamp` (ISO 8601, UTC, milliseconds), `level`, `label` and `message`,
/// then the metadata flattened into the same object (see `JSONLogLine`). An attached error is
/// written as its type only (`error`), because error descriptions can quote the data that
/// failed, and logs must never carry personal data. When the handler logs at `debug` or `trace`,
/// lines also carry `source`, `file` and `line`; at the usual levels that is noise.
public struct JSONLogHandler: LogHandler {
    /// The logger's label, usually the executable or component name.
    public let label: String
    /// The minimum level this handler writes.
    public var logLevel: Logger.Level
    /// Metadata attached to every line logged through this handler.
    public var metadata: Logger.Metadata = [:]
    /// Supplies contextual metadata (e.g. task-local request ids) when a line is written.
    public var metadataProvider: Logger.MetadataProvider?

    private let output: LogOutput

    /// Creates a handler; tests pass their own `output` to capture lines.
    public init(
        label: String,
        logLevel: Logger.Level = .info,
        metadataProvider: Logger.MetadataProvider? = nil,
        output: LogOutput = .standardError
    ) {
        self.label = label
        self.logLevel = logLevel
        self.metadataProvider = metadataProvider
        self.output = output
    }

    /// Reads or changes one metadata entry of this handler.
    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// Writes `event` as one JSON line; the call site's metadata wins over the provider's,
    /// which wins over the handler's.
    public func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get() {
            merged.merge(provided) { $1 }
        }
        if let given = event.metadata {
            merged.merge(given) { $1 }
        }
        var line = JSONLogLine()
        line.append("timestamp", string: Self.timestampStyle.format(Date()))
        line.append("level", string: event.level.rawValue)
        line.append("label", string: label)
        line.append("message", string: event.message.description)
        if let error = event.error {
            line.append("error", string: String(reflecting: type(of: error)))
        }
        if logLevel <= .debug {
            line.append("source", string: event.source)
            line.append("file", string: event.file)
            line.append("line", number: event.line)
        }
        line.appendFlattened(merged)
        output.write(line.text)
    }

    private static let timestampStyle = Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt)
}
