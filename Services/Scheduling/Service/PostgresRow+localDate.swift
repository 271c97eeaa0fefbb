import Models
import Postgres

extension PostgresRow {
    /// The `date` column at `column`, selected as `::text`.
    func localDate(at column: Int) throws -> LocalDate {
        try LocalDate(decode(String.self, at: column)).unwrapped("date")
    }

    /// The nullable `date` column at `column`, selected as `::text`.
    func optionalLocalDate(at column: Int) throws -> LocalDate? {
        try decode(String?.self, at: column).map { try LocalDate($0).unwrapped("date") }
    }
}
