import Foundation
import Models

/// A report as a printable Russian HTML page: its heading, charts of referrals by source,
/// programmes by kind and closed cases by outcome (inline SVG bars, so the page needs nothing
/// else and prints or saves as PDF from any browser), and every figure in a table. Aggregates
/// only, like the report itself.
struct ReportHTML {
    let report: QuarterlyReport
    let totals: [ReportFigure]
    /// The organisation (or region) the report is about, as people call it.
    let title: String

    /// The page.
    var html: String {
        let derived = DerivedIndicators(totals: totals)
        var page = """
            <!doctype html>
            <html lang="ru"><head><meta charset="utf-8"><title>\(Self.escape(heading))</title>
            <style>
            body { font: 11pt/1.4 "PT Sans", Arial, sans-serif; margin: 2cm; color: #222; }
            h1 { font-size: 16pt; margin: 0 0 .2em; } h2 { font-size: 13pt; margin: 1.4em 0 .4em; }
            .meta { color: #555; } table { border-collapse: collapse; width: 100%; }
            td, th { border: 1px solid #bbb; padding: 2px 6px; text-align: left; } td.n { text-align: right; }
            svg text { font: 9pt Arial, sans-serif; } @page { size: A4; margin: 1.5cm; }
            </style></head><body>
            <h1>\(Self.escape(heading))</h1>
            <p class="meta">\(Self.escape(title)) · редакция \(report.revision)\(report.flagged ? " (после сдачи)" : "") · \
            \(Self.escape(Self.stateName[report.state] ?? report.state.rawValue)) · организаций: \(report.partsTotal)</p>
            <p>Доля обработанных заявок: \(Self.percent(derived.shareProcessed)) · \
            среднее время до первого контакта: \(derived.meanFirstContactHours.map { String(format: "%.1f ч", $0) } ?? "—")</p>

            """
        page += chart("Заявки по источникам", figures("referrals_received")) { ReferralSourceKind(rawValue: $0)?.localizedName() }
        page += chart("Программы по видам", figures("programmes_held")) { ProgrammeKind(rawValue: $0)?.localizedName() }
        page += chart("Итоги завершённых программ", figures("programmes_closed")) { CaseOutcome(rawValue: $0)?.localizedName() }
        page += "<h2>Все показатели</h2>\n<table><tr><th>Показатель</th><th>Разрез</th><th>Значение</th></tr>\n"
        for figure in totals {
            page += "<tr><td>\(Self.escape(figure.indicator))</td><td>\(Self.escape(figure.dimension))</td>"
                + "<td class=\"n\">\(Self.escape(ReportCSV.number(figure.value)))</td></tr>\n"
        }
        return page + "</table>\n</body></html>\n"
    }

    private var heading: String {
        "Квартальный мониторинг, \(report.quarter.number) квартал \(report.quarter.year) года"
    }

    private func figures(_ indicator: String) -> [ReportFigure] {
        totals.filter { $0.indicator == indicator && $0.value > 0 }.sorted { $0.value > $1.value }
    }

    /// A horizontal bar chart, one bar per dimension, labelled in Russian where the vocabulary knows it.
    private func chart(_ caption: String, _ figures: [ReportFigure], name: (String) -> String?) -> String {
        guard let largest = figures.map(\.value).max(), largest > 0 else { return "" }
        let rowHeight = 20, labelWidth = 260, barWidth = 360
        var svg = "<h2>\(Self.escape(caption))</h2>\n<svg role=\"img\" width=\"\(labelWidth + barWidth + 60)\" height=\"\(figures.count * rowHeight + 4)\">\n"
        for (index, figure) in figures.enumerated() {
            let y = index * rowHeight, width = max(1, Int(Double(barWidth) * figure.value / largest))
            let label = name(figure.dimension) ?? figure.dimension
            svg += "<text x=\"0\" y=\"\(y + 14)\">\(Self.escape(label))</text>"
                + "<rect x=\"\(labelWidth)\" y=\"\(y + 3)\" width=\"\(width)\" height=\"\(rowHeight - 6)\" fill=\"#4a7ab5\"/>"
                + "<text x=\"\(labelWidth + width + 4)\" y=\"\(y + 14)\">\(Self.escape(ReportCSV.number(figure.value)))</text>\n"
        }
        return svg + "</svg>\n"
    }

    private static let stateName: [QuarterlyReport.State: String] = [.draft: "черновик", .submitted: "сдан", .accepted: "принят"]

    private static func percent(_ share: Double?) -> String {
        share.map { String(format: "%.1f %%", $0 * 100) } ?? "—"
    }

    /// Text made safe for HTML content and attributes.
    static func escape(_ text: String) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
