import Foundation
import Models

/// A conclusion as a printable Russian document: the request it answers, the case's dated
/// steps, the programme and agreement, the outcome, and for an accompaniment the pupil's
/// attendance, behaviour and performance as a table and a line chart (inline SVG).
struct ConclusionHTML {
    let kept: ConclusionStore.Kept

    private static let requesters = [
        "court": "суда", "minors_commission": "КДНиЗП", "guardianship": "органа опеки и попечительства", "police": "органа внутренних дел",
        "other": "организации",
    ]

    private static let steps = [
        "referral_received": "Поступила заявка", "case_opened": "Открыто дело", "first_contact": "Первый контакт со сторонами",
        "programme_started": "Начата восстановительная программа", "agreement_reached": "Достигнуто соглашение", "closed": "Работа завершена",
    ]

    /// The page.
    var html: String {
        let document = kept.document
        let kind = CaseKind(rawValue: document.kind)?.localizedName() ?? document.kind
        var page = """
            <!doctype html>
            <html lang="ru"><head><meta charset="utf-8"><title>Заключение о работе</title>
            <style>
            body { font: 12pt/1.5 "PT Serif", "Times New Roman", serif; margin: 2cm; color: #111; }
            h1 { font-size: 15pt; text-align: center; } table { border-collapse: collapse; }
            td, th { border: 1px solid #999; padding: 2px 8px; } svg text { font: 9pt Arial, sans-serif; } @page { size: A4; margin: 2cm; }
            </style></head><body>
            <h1>Заключение о работе службы примирения</h1>
            <p>По запросу \(ReportHTML.escape(Self.requesters[kept.requestedBy] ?? kept.requestedBy)) № \(ReportHTML.escape(kept.requestReference)) \
            от \(Self.day(kept.requestedOn)). Вид работы: \(ReportHTML.escape(kind)).</p>
            <p>Заключение составлено по сведениям о ходе работы. Содержание бесед и встреч конфиденциально и не раскрывается.</p>
            <table><tr><th>Дата</th><th>Этап</th></tr>

            """
        for step in document.steps {
            page += "<tr><td>\(Self.day(LocalDate(containing: step.on, in: .gmt)))</td><td>\(ReportHTML.escape(Self.name(of: step)))</td></tr>\n"
        }
        page += "</table>\n<p>Проведено встреч: \(document.meetingsHeld).</p>\n"
        if let terms = document.agreementTerms {
            page += "<p>Соглашение: пунктов — \(terms), выполнено — \(document.agreementTermsKept ?? 0).</p>\n"
        }
        if let outcome = document.outcome {
            let name = CaseOutcome(rawValue: outcome)?.localizedName() ?? outcome
            let reason = document.closingReason.map { " (\(ClosingReason(rawValue: $0)?.localizedName() ?? $0))" } ?? ""
            page += "<p>Итог: \(ReportHTML.escape(name + reason)).</p>\n"
        } else {
            page += "<p>Работа продолжается.</p>\n"
        }
        if !document.profiles.isEmpty { page += dynamics(document.profiles) }
        return page + "<p>Подготовил: \(ReportHTML.escape(kept.preparedBy)), \(Self.day(LocalDate(containing: kept.preparedAt, in: .gmt))).</p>\n</body></html>\n"
    }

    private static func name(of step: CaseConclusion.Step) -> String {
        if step.what.hasPrefix("meeting_held:") {
            let kind = MeetingKind(rawValue: String(step.what.dropFirst("meeting_held:".count)))?.localizedName() ?? ""
            return "Проведена встреча" + (kind.isEmpty ? "" : ": \(kind.lowercased())")
        }
        if step.what == "programme_started", let kind = step.detail.flatMap(ProgrammeKind.init(rawValue:)) {
            return "Начата восстановительная программа: \(kind.localizedName().lowercased())"
        }
        return steps[step.what] ?? step.what
    }

    /// The pupil's profile over time: a table, and the three measures on one chart (attendance on
    /// its 0–100 % scale, behaviour and performance on their 1–5 scales stretched to the same height).
    private func dynamics(_ profiles: [CaseConclusion.Profile]) -> String {
        var part = "<h2>Динамика обучающегося</h2>\n<table><tr><th>Дата</th><th>Посещаемость, %</th><th>Поведение (1–5)</th><th>Успеваемость (1–5)</th></tr>\n"
        for profile in profiles {
            part += "<tr><td>\(Self.day(profile.on))</td><td>\(ReportCSV.number(profile.attendancePercent))</td>"
                + "<td>\(profile.behaviour)</td><td>\(profile.performance)</td></tr>\n"
        }
        part += "</table>\n"
        guard profiles.count >= 2 else { return part }
        let width = 480.0, height = 160.0, step = width / Double(profiles.count - 1)
        func line(_ value: (CaseConclusion.Profile) -> Double, _ colour: String) -> String {
            let points = profiles.enumerated().map { index, profile in
                String(format: "%.1f,%.1f", 30 + Double(index) * step, 10 + height * (1 - value(profile)))
            }
            return "<polyline fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2\" points=\"\(points.joined(separator: " "))\"/>"
        }
        part += "<svg role=\"img\" width=\"560\" height=\"210\">"
            + line({ $0.attendancePercent / 100 }, "#4a7ab5") + line({ Double($0.behaviour - 1) / 4 }, "#c0504d")
            + line({ Double($0.performance - 1) / 4 }, "#6a9a3a")
            + "<text x=\"30\" y=\"195\" fill=\"#4a7ab5\">посещаемость</text><text x=\"160\" y=\"195\" fill=\"#c0504d\">поведение</text>"
            + "<text x=\"270\" y=\"195\" fill=\"#6a9a3a\">успеваемость</text></svg>\n"
        return part
    }

    private static func day(_ date: LocalDate) -> String {
        String(format: "%02d.%02d.%04d", date.day, date.month, date.year)
    }
}
