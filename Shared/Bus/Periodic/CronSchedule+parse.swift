extension CronSchedule {
    /// One of the five fields of a cron expression.
    public enum Field: String, Sendable, CaseIterable {
        /// 0–59.
        case minute
        /// 0–23.
        case hour
        /// 1–31.
        case dayOfMonth = "day-of-month"
        /// 1–12.
        case month
        /// 0–7, with 0 and 7 both Sunday.
        case dayOfWeek = "day-of-week"

        var bounds: ClosedRange<Int> {
            switch self {
            case .minute: 0...59
            case .hour: 0...23
            case .dayOfMonth: 1...31
            case .month: 1...12
            case .dayOfWeek: 0...7
            }
        }
    }

    /// Why an expression is not a valid cron expression.
    public enum ParseError: Error, Equatable, CustomStringConvertible {
        /// The expression does not have exactly five fields.
        case wrongFieldCount(Int)
        /// One field is malformed: which field, its text and what is wrong with it.
        case invalidField(Field, text: String, reason: String)

        /// A message naming the field at fault.
        public var description: String {
            switch self {
            case .wrongFieldCount(let count):
                "a cron expression has 5 fields (minute hour day-of-month month day-of-week), not \(count)"
            case .invalidField(let field, let text, let reason):
                "invalid \(field.rawValue) field \"\(text)\": \(reason)"
            }
        }
    }

    /// Parses a five-field cron expression such as `*/15 9-17 * * 1-5`.
    ///
    /// - Throws: ``ParseError`` naming the offending field.
    public init(_ expression: String) throws {
        let texts = expression.split(whereSeparator: \.isWhitespace).map(String.init)
        guard texts.count == Field.allCases.count else { throw ParseError.wrongFieldCount(texts.count) }
        let fields = try zip(Field.allCases, texts).map { try Self.parse($1, as: $0) }
        var daysOfWeek = fields[4]
        if daysOfWeek.contains(7) { daysOfWeek.insert(0) }
        self.expression = expression
        minutes = fields[0]
        hours = fields[1]
        daysOfMonth = fields[2]
        months = fields[3]
        self.daysOfWeek = daysOfWeek
        // The traditional rule: a day field starting with `*` (even `*/2`) does not count as restricted.
        matchesEitherDay = !texts[2].hasPrefix("*") && !texts[4].hasPrefix("*")
    }

    private static func parse(_ text: String, as field: Field) throws -> CronField {
        func invalid(_ reason: String) -> ParseError { .invalidField(field, text: text, reason: reason) }
        // Digits only: `Int` alone would also take `+5`.
        func digits(_ text: Substring) -> Int? {
            text.allSatisfy { $0.isASCII && $0.isNumber } ? Int(text) : nil
        }
        func number(_ text: Substring) throws -> Int {
            guard let value = digits(text) else { throw invalid("\"\(text)\" is not a number") }
            guard field.bounds.contains(value) else {
                throw invalid("\(value) is outside \(field.bounds.lowerBound)-\(field.bounds.upperBound)")
            }
            return value
        }
        var values = CronField()
        for item in text.split(separator: ",", omittingEmptySubsequences: false) {
            let parts = item.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count <= 2, let base = parts.first, !base.isEmpty else { throw invalid("\"\(item)\" is not a value, range or step") }
            var step = 1
            if parts.count == 2 {
                guard let value = digits(parts[1]), value > 0 else { throw invalid("step \"\(parts[1])\" is not a positive number") }
                step = value
            }
            let range: ClosedRange<Int>
            if base == "*" {
                range = field.bounds
            } else if let dash = base.firstIndex(of: "-") {
                let low = try number(base[..<dash]), high = try number(base[base.index(after: dash)...])
                guard low <= high else { throw invalid("range \(low)-\(high) runs backwards") }
                range = low...high
            } else {
                let start = try number(base)
                // `5/15` means from 5 to the end in steps of 15, as in Vixie cron.
                range = start...(parts.count == 2 ? field.bounds.upperBound : start)
            }
            for value in stride(from: range.lowerBound, through: range.upperBound, by: step) { values.insert(value) }
        }
        return values
    }
}
