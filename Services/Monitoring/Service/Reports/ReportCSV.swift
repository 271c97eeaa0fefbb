import Foundation

/// A report's totals as CSV that Russian-locale Excel opens as is: UTF-8 with a byte-order
/// mark (without it Excel reads Windows-1251), `;` between fields (`,` is the decimal separator
/// there), a decimal comma, CRLF line ends, and fields quoted when they hold `;`, `"` or a line break.
struct ReportCSV {
    let report: QuarterlyReport
    let totals: [ReportFigure]

    /// The file's bytes.
    var bytes: [UInt8] {
        var lines = [["Отчёт", "Квартал", "Редакция", "Показатель", "Разрез", "Значение"].map(Self.field).joined(separator: ";")]
        for figure in totals {
            lines.append([
                report.scope.rawValue, report.quarter.description, "\(report.revision)", figure.indicator, figure.dimension, Self.number(figure.value),
            ].map(Self.field).joined(separator: ";"))
        }
        return [0xEF, 0xBB, 0xBF] + Array((lines.joined(separator: "\r\n") + "\r\n").utf8)
    }

    /// A number with a decimal comma: integers as they are, fractions to six places.
    static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(format: "%.6f", value).replacingOccurrences(of: ".", with: ",")
    }

    /// A field, quoted when it must be.
    static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == ";" || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
