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
        if !document.profiles.isEmpty || !document.interventions.isEmpty { page += dynamics(document.profiles, document.interventions) }
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

    /// The pupil's profile over time, set against the support plan's interventions: a table of
    /// each, and one chart on a time axis with the interventions as shaded bands and the three
    /// measures as lines (attendance on its 0–100 % scale, behaviour and performance on their 1–5
    /// scales stretched to the same height).
    private func dynamics(_ profiles: [CaseConclusion.Profile], _ interventions: [CaseConclusion.Intervention]) -> String {
        var part = "<h2>Динамика обучающегося</h2>\n<table><tr><th>Дата</th><th>Посещаемость, %</th><th>Поведение (1–5)</th><th>Успеваемость (1–5)</th></tr>\n"
        for profile in profiles {
            part += "<tr><td>\(Self.day(profile.on))</td><td>\(ReportCSV.number(profile.attendancePercent))</td>"
                + "<td>\(profile.behaviour)</td><td>\(profile.performance)</td></tr>\n"
        }
        part += "</table>\n"
        if !interventions.isEmpty {
            part += "<h2>Вмешательства плана сопровождения</h2>\n<table><tr><th>Направление</th><th>Вмешательство</th><th>Сроки</th><th>Статус</th></tr>\n"
            for intervention in interventions {
                let area = InterventionArea(rawValue: intervention.area)?.localizedName() ?? intervention.area
                let kind = intervention.kind.flatMap(InterventionKind.init(rawValue:))?.localizedName() ?? "—"
                let status = InterventionStatus(rawValue: intervention.status)?.localizedName() ?? intervention.status
                part += "<tr><td>\(ReportHTML.escape(area))</td><td>\(ReportHTML.escape(kind))</td>"
                    + "<td>\(Self.day(intervention.startsOn)) — \(Self.day(intervention.endsOn))</td><td>\(ReportHTML.escape(status))</td></tr>\n"
            }
            part += "</table>\n"
        }
        guard profiles.count >= 2, let first = profiles.first?.on, let last = profiles.last?.on else { return part }
        let days = { (date: LocalDate) in date.start(in: .gmt).timeIntervalSince1970 / 86_400 }
        let start = min(days(first), interventions.map { days($0.startsOn) }.min() ?? .infinity)
        let end = max(days(last), interventions.map { days($0.endsOn) }.max() ?? -.infinity)
        let width = 480.0, height = 160.0, span = max(1, end - start)
        let x = { (date: LocalDate) in 30 + width * (days(date) - start) / span }
        var svg = "<svg role=\"img\" width=\"560\" height=\"\(Int(height) + 50 + 14 * interventions.count)\">"
        for (index, intervention) in interventions.enumerated() {
            let from = x(intervention.startsOn), to = max(from + 2, x(intervention.endsOn))
            svg += String(format: "<rect x=\"%.1f\" y=\"10\" width=\"%.1f\" height=\"%.0f\" fill=\"#e8e0c8\" opacity=\"0.6\"/>", from, to - from, height)
            let label = intervention.kind.flatMap(InterventionKind.init(rawValue:))?.localizedName()
                ?? InterventionArea(rawValue: intervention.area)?.localizedName() ?? intervention.area
            svg += String(format: "<text x=\"%.1f\" y=\"%d\">", from, Int(height) + 44 + 14 * index) + ReportHTML.escape(label) + "</text>"
        }
        func line(_ value: (CaseConclusion.Profile) -> Double, _ colour: String) -> String {
            let points = profiles.map { String(format: "%.1f,%.1f", x($0.on), 10 + height * (1 - value($0))) }
            return "<polyline fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2\" points=\"\(points.joined(separator: " "))\"/>"
        }
        svg += line({ $0.attendancePercent / 100 }, "#4a7ab5") + line({ Double($0.behaviour - 1) / 4 }, "#c0504d")
            + line({ Double($0.performance - 1) / 4 }, "#6a9a3a")
            + "<text x=\"30\" y=\"\(Int(height) + 26)\" fill=\"#4a7ab5\">посещаемость</text>"
            + "<text x=\"160\" y=\"\(Int(height) + 26)\" fill=\"#c0504d\">поведение</text>"
            + "<text x=\"270\" y=\"\(Int(height) + 26)\" fill=\"#6a9a3a\">успеваемость</text></svg>\n"
        return part + svg
    }

    private static func day(_ date: LocalDate) -> String {
        String(format: "%02d.%02d.%04d", date.day, date.month, date.year)
    }
}
