/// Исходящий номер и дата: how the sender registered its letter, so both sides can cite the same document.
public struct SenderReference: Hashable, Sendable, Codable {
    /// The sender's outgoing registration number, as written (`№ 12-34/567`).
    public var number: String
    /// The date on the sender's letter.
    public var date: LocalDate

    /// A sender's reference.
    public init(number: String, date: LocalDate) {
        self.number = number
        self.date = date
    }
}
