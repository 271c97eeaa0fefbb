import Foundation
import Models

/// Turns a notification's data (ids, codes, UTC timestamps) into what its template shows: local
/// times in the recipient's time zone and language, vocabulary codes as names, a short case
/// reference. The raw values stay available under their own keys.
struct TemplateValues {
    var language: Language
    var timeZone: TimeZone
    var senderName: String

    /// Timestamps shown with their date and time; `ends_at` shows the time only.
    static let timestamps = ["starts_at", "due_at", "received_at", "changed_at", "sent_at", "occurred_at"]
    /// Dates (`YYYY-MM-DD`) shown as dates.
    static let dates = ["date", "due_on"]

    /// The values for `data`.
    func values(for data: [String: String]) -> [String: String] {
        var values = data
        values["sender_name"] = senderName
        for key in Self.timestamps {
            if let date = data[key].flatMap(Self.parseTimestamp) { values["\(key)_local"] = format(date, time: true, date: true) }
        }
        if let ends = data["ends_at"].flatMap(Self.parseTimestamp) { values["ends_at_local"] = format(ends, time: true, date: false) }
        for key in Self.dates {
            if let day = data[key].flatMap(LocalDate.init) { values["\(key)_local"] = format(day) }
        }
        values["meeting_kind_name"] = data["meeting_kind"].flatMap(MeetingKind.init(rawValue:))?.localizedName(language).lowercased()
        values["deadline_name"] = data["deadline"].flatMap(CaseDeadline.init(rawValue:))?.localizedName(language).lowercased()
        values["status_name"] = data["status"].flatMap(ReferralStatus.init(rawValue:))?.localizedName(language).lowercased()
        values["outcome_name"] = data["outcome"].flatMap(CaseOutcome.init(rawValue:))?.localizedName(language).lowercased()
        values["quarter_name"] = data["quarter"].flatMap(Quarter.init).map(quarterName)
        values["case_ref"] = data["case_id"].map { String($0.prefix(8)) }
        if data["rescheduled"] == "true" { values["is_rescheduled"] = "true" }
        return values
    }

    private var locale: Locale {
        Locale(identifier: ["ru": "ru_RU", "kk": "kk_KZ", "en": "en_GB"][language.rawValue] ?? "ru_RU")
    }

    private func format(_ date: Date, time: Bool, date withDate: Bool) -> String {
        var style = Date.FormatStyle(locale: locale, timeZone: timeZone)
        if withDate { style = style.day().month(.wide).year() }
        if time { style = style.hour(.twoDigits(amPM: .omitted)).minute(.twoDigits) }
        return date.formatted(style)
    }

    private func format(_ day: LocalDate) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        let date = calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day))!
        return date.formatted(Date.FormatStyle(locale: locale, timeZone: .gmt).day().month(.wide).year())
    }

    private func quarterName(_ quarter: Quarter) -> String {
        let roman = ["I", "II", "III", "IV"][quarter.number - 1]
        switch language {
        case .ru: return "\(roman) квартал \(quarter.year) г."
        case .kk: return "\(quarter.year) жылғы \(roman) тоқсан"
        case .en: return "Q\(quarter.number) \(quarter.year)"
        }
    }

    static func parseTimestamp(_ text: String) -> Date? {
        (try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text)) ?? (try? Date.ISO8601FormatStyle().parse(text))
    }
}
