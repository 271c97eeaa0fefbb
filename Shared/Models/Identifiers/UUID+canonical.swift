import Foundation

extension UUID {
    /// The one text form every Accord API, log line and command prints: lowercase hex with dashes,
    /// as RFC 9562 §4 recommends and PostgreSQL prints `uuid` values, so an id copied from one place
    /// matches another literally. Foundation's `uuidString` is uppercase, so nothing prints that.
    /// Input is read in either case (`UUID(uuidString:)`), so comparisons never depend on case.
    public var canonicalString: String {
        uuidString.lowercased()
    }
}
