extension PostgresError.Kind {
    /// Maps a SQLSTATE to the case callers react to.
    init(sqlState: String) {
        switch sqlState {
        case "23505": self = .uniqueViolation
        case "23503": self = .foreignKeyViolation
        case "23514": self = .checkViolation
        case "23502": self = .notNullViolation
        case "23P01": self = .exclusionViolation
        case "40001": self = .serializationFailure
        case "40P01": self = .deadlockDetected
        case "57014": self = .queryCanceled
        case "57P01", "57P02", "57P03": self = .connectionFailure
        default: self = sqlState.hasPrefix("08") ? .connectionFailure : .server
        }
    }
}

extension PostgresError {
    /// SQLSTATE classes whose server message speaks about the SQL text and the schema, never
    /// about bound values, so it is kept to help the developer: syntax errors and missing objects.
    static let classesWithSafeMessages: Set<Substring> = ["42", "3F", "0A", "25"]

    /// Fixed explanations for the common cases; other errors use the SQLSTATE's class.
    static func reason(for kind: Kind, sqlState: String, serverMessage: String?) -> String {
        if classesWithSafeMessages.contains(sqlState.prefix(2)), let serverMessage {
            return serverMessage
        }
        switch kind {
        case .uniqueViolation: return "duplicate key violates a unique constraint"
        case .foreignKeyViolation: return "row refers to a missing row or is still referenced"
        case .checkViolation: return "row violates a check constraint"
        case .notNullViolation: return "a required column is null"
        case .exclusionViolation: return "row conflicts with an existing row (exclusion constraint)"
        case .serializationFailure: return "could not serialize access due to concurrent update"
        case .deadlockDetected: return "deadlock detected"
        case .queryCanceled: return "statement cancelled"
        case .connectionFailure: return "connection to the server was lost or refused"
        default: return "server error in class \(sqlState.prefix(2))"
        }
    }
}
