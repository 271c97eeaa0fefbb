@testable import Postgres
import Testing

@Suite("PostgresError")
struct PostgresErrorTests {
    @Test(
        "SQLSTATEs map to the kinds callers react to",
        arguments: [
            ("23505", .uniqueViolation), ("23503", .foreignKeyViolation), ("23514", .checkViolation),
            ("23502", .notNullViolation), ("23P01", .exclusionViolation), ("40001", .serializationFailure),
            ("40P01", .deadlockDetected), ("57014", .queryCanceled), ("57P01", .connectionFailure),
            ("57P02", .connectionFailure), ("57P03", .connectionFailure), ("08006", .connectionFailure),
            ("08001", .connectionFailure), ("08P01", .connectionFailure), ("XX000", .server),
            ("42601", .server), ("22P02", .server), ("23000", .server), ("P0001", .server),
        ] as [(String, PostgresError.Kind)]
    )
    func kinds(sqlState: String, kind: PostgresError.Kind) {
        #expect(PostgresError.Kind(sqlState: sqlState) == kind)
    }

    /// An error as `PostgresError(result:)` builds it from the server's fields.
    static func serverError(sqlState: String, message: String) -> PostgresError {
        let kind = PostgresError.Kind(sqlState: sqlState)
        return PostgresError(
            kind,
            sqlState: sqlState,
            reason: PostgresError.reason(for: kind, sqlState: sqlState, serverMessage: message),
            constraint: "referrals_child_iin_key",
            schema: "intake",
            table: "referrals",
            column: "child_iin"
        )
    }

    @Test(
        "the description never repeats a server message that can quote values",
        arguments: ["23505", "23503", "23514", "23502", "23P01", "22P02", "22001", "40001", "57014", "08006", "XX000", "P0001", "54000"]
    )
    func messageDropped(sqlState: String) {
        let message = "duplicate key value violates unique constraint: Key (child_iin)=(090512650123) already exists."
        let description = Self.serverError(sqlState: sqlState, message: message).description
        #expect(!description.contains("090512650123"))
        #expect(!description.contains("Key ("))
        #expect(description.contains("sqlstate=\(sqlState)"))
        #expect(description.contains("constraint=referrals_child_iin_key"))
        #expect(description.contains("table=referrals"))
    }

    @Test(
        "syntax, schema, feature and transaction-state errors keep the message",
        arguments: ["42601", "42P01", "3F000", "0A000", "25P02"]
    )
    func messageKept(sqlState: String) {
        let message = #"syntax error at or near "SELEC""#
        let error = Self.serverError(sqlState: sqlState, message: message)
        #expect(error.reason == message)
        #expect(error.description.contains(message))
    }

    @Test("a unique violation describes itself with a fixed reason")
    func uniqueDescription() {
        let error = Self.serverError(sqlState: "23505", message: "Key (id)=(1) already exists")
        #expect(error.description == "PostgresError.uniqueViolation sqlstate=23505 duplicate key violates a unique constraint "
            + "schema=intake table=referrals column=child_iin constraint=referrals_child_iin_key")
    }

    @Test("without a message every class falls back to a fixed reason")
    func noMessage() {
        #expect(PostgresError.reason(for: .server, sqlState: "42601", serverMessage: nil) == "server error in class 42")
        #expect(PostgresError.reason(for: .server, sqlState: "XX000", serverMessage: "boom") == "server error in class XX")
    }

    @Test("only serialization failures and deadlocks are transient", arguments: [
        (PostgresError.Kind.serializationFailure, true), (.deadlockDetected, true), (.uniqueViolation, false),
        (.queryCanceled, false), (.connectionFailure, false), (.poolTimeout, false), (.server, false), (.decodingFailure, false),
    ])
    func transient(kind: PostgresError.Kind, isTransient: Bool) {
        #expect(PostgresError(kind, reason: "x").isTransient == isTransient)
    }

    @Test("a decoding failure names the type, never the value")
    func decodingFailure() {
        let error = PostgresError.cannotDecode(Int32.self)
        #expect(error.kind == .decodingFailure)
        #expect(error.description == "PostgresError.decodingFailure cannot decode column value as Int32")
    }
}
