import Foundation

/// A report's totals as an Excel workbook (Office Open XML, one sheet «Показатели»): a header
/// row, then one row per figure with the number as a number, so sums and charts work in Excel
/// and LibreOffice without conversion.
struct ReportXLSX {
    let report: QuarterlyReport
    let totals: [ReportFigure]

    /// The `.xlsx` file's bytes.
    var bytes: [UInt8] {
        var archive = ZipArchive()
        archive.add("[Content_Types].xml", Array(Self.contentTypes.utf8))
        archive.add("_rels/.rels", Array(Self.packageRelationships.utf8))
        archive.add("xl/workbook.xml", Array(Self.workbook.utf8))
        archive.add("xl/_rels/workbook.xml.rels", Array(Self.workbookRelationships.utf8))
        archive.add("xl/worksheets/sheet1.xml", Array(sheet.utf8))
        return archive.bytes
    }

    private var sheet: String {
        var rows = [row(1, ["Отчёт", "Квартал", "Редакция", "Показатель", "Разрез", "Значение"].map(Cell.text))]
        for (index, figure) in totals.enumerated() {
            rows.append(row(index + 2, [
                .text(report.scope.rawValue), .text(report.quarter.description), .number(Double(report.revision)),
                .text(figure.indicator), .text(figure.dimension), .number(figure.value),
            ]))
        }
        return """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>\(rows.joined())</sheetData></worksheet>
            """
    }

    private enum Cell {
        case text(String)
        case number(Double)
    }

    private func row(_ number: Int, _ cells: [Cell]) -> String {
        let columns = Array("ABCDEF")
        let inner = cells.enumerated().map { index, cell in
            let reference = "\(columns[index])\(number)"
            switch cell {
            case .text(let text): return "<c r=\"\(reference)\" t=\"inlineStr\"><is><t>\(ReportHTML.escape(text))</t></is></c>"
            case .number(let value): return "<c r=\"\(reference)\"><v>\(value == value.rounded() ? String(Int64(value)) : String(value))</v></c>"
            }
        }
        return "<row r=\"\(number)\">\(inner.joined())</row>"
    }

    private static let contentTypes = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
        <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
        <Default Extension="xml" ContentType="application/xml"/>\
        <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
        <Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>\
        </Types>
        """

    private static let packageRelationships = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>\
        </Relationships>
        """

    private static let workbook = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
        xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
        <sheets><sheet name="Показатели" sheetId="1" r:id="rId1"/></sheets></workbook>
        """

    private static let workbookRelationships = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>\
        </Relationships>
        """
}
