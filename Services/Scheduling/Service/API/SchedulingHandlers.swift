import Foundation
import Models
import Postgres
import SchedulingAPI
import ServiceRuntime
import StaffAccess

/// The staff API's operations: each decodes its input, runs one store call in one transaction as
/// the authenticated caller, and encodes the answer. Rules live in the stores, not here.
struct SchedulingHandlers: APIProtocol {
    let pool: PostgresPool

    /// Runs `body` in a transaction as the request's caller, at one instant.
    func transaction<T: Sendable>(_ body: (StaffCaller, PostgresConnection, Date) async throws -> T) async throws -> T {
        let caller = try StaffRequest.required()
        let now = Date()
        return try await pool.withTransaction { try await body(caller, $0, now) }
    }
}

/// Reading the generated types' strings as the domain's values; a bad one is a 422 naming its field.
enum Wire {
    static func uuid(_ text: String, at pointer: String) throws -> UUID {
        guard let uuid = UUID(uuidString: text) else { throw invalid(pointer, "a UUID", "UUID") }
        return uuid
    }

    static func uuids(_ texts: [String]?, at pointer: String) throws -> [UUID] {
        try (texts ?? []).enumerated().map { try uuid($1, at: "\(pointer)/\($0)") }
    }

    static func date(_ text: String, at pointer: String) throws -> LocalDate {
        guard let date = LocalDate(text) else { throw invalid(pointer, "a date (YYYY-MM-DD)", "дата (ГГГГ-ММ-ДД)") }
        return date
    }

    /// A vocabulary value of the generated enum with the same raw values.
    static func term<Generated: RawRepresentable, Term: RawRepresentable>(_ value: Generated, as _: Term.Type = Term.self) -> Term
    where Generated.RawValue == String, Term.RawValue == String {
        // Both enums are generated from, and pinned to, the same list of words.
        Term(rawValue: value.rawValue)!
    }

    static func hours(_ windows: [Components.Schemas.WeeklyHours]?, at pointer: String) throws -> [WeeklyHours] {
        try (windows ?? []).enumerated().map { index, window in
            guard let starts = WeeklyHours.minutes(window.starts), let endsText = Optional(window.ends),
                  let ends = endsText == "24:00" ? 24 * 60 : WeeklyHours.minutes(endsText),
                  let hours = WeeklyHours(weekday: window.weekday, starts: starts, ends: ends) else {
                throw invalid("\(pointer)/\(index)", "a weekday 1–7 with starts before ends", "день недели 1–7, начало раньше конца")
            }
            return hours
        }
    }

    private static func invalid(_ pointer: String, _ what: String, _ whatRu: String) -> SchedulingRefusal {
        .invalid(pointer, code: "invalid_value", "Must be \(what).", "Должно быть: \(whatRu).")
    }
}
