import CLibPQ

/// An owned libpq result. Reading a finished `PGresult` from several threads is safe, so rows
/// decode lazily straight from libpq's memory instead of copying every value first.
final class PostgresResult: @unchecked Sendable {
    let pointer: OpaquePointer

    init(_ pointer: OpaquePointer) {
        self.pointer = pointer
    }

    deinit {
        PQclear(pointer)
    }
}

/// The rows a statement returned, and how many rows it affected.
public struct PostgresRows: Sendable, RandomAccessCollection {
    let result: PostgresResult?
    /// Column names, in order.
    public let columns: [String]
    /// Rows inserted, updated, deleted or selected, as the command tag reports.
    public let affectedRows: Int

    init(result: PostgresResult) {
        self.result = result
        let fieldCount = Int(PQnfields(result.pointer))
        columns = (0..<fieldCount).map { String(cString: PQfname(result.pointer, Int32($0))) }
        affectedRows = Int(String(cString: PQcmdTuples(result.pointer))) ?? 0
        count = Int(PQntuples(result.pointer))
    }

    /// The index of the first row.
    public var startIndex: Int { 0 }
    /// One past the index of the last row.
    public var endIndex: Int { count }
    /// The number of rows.
    public let count: Int

    /// The row at `position`.
    public subscript(position: Int) -> PostgresRow {
        PostgresRow(rows: self, index: Int32(position))
    }

    /// The single row of a one-row result, or `nil` if there is none.
    public var single: PostgresRow? { isEmpty ? nil : self[0] }

    func columnIndex(_ name: String) -> Int? {
        columns.firstIndex(of: name)
    }
}

/// One row of a result.
public struct PostgresRow: Sendable {
    let rows: PostgresRows
    let index: Int32

    /// Decodes the column at `column` (zero-based).
    public func decode<T: PostgresDecodable>(_ type: T.Type = T.self, at column: Int) throws -> T {
        guard let result = rows.result, column >= 0, column < rows.columns.count else {
            throw PostgresError(.decodingFailure, reason: "column \(column) is out of range")
        }
        let field = Int32(column)
        if PQgetisnull(result.pointer, index, field) == 1 {
            guard let null = T.postgresNull else {
                throw PostgresError(.decodingFailure, reason: "column \(rows.columns[column]) is NULL; decode as \(T.self)?")
            }
            return null
        }
        let length = Int(PQgetlength(result.pointer, index, field))
        let bytes = UnsafeRawBufferPointer(start: PQgetvalue(result.pointer, index, field), count: length)
        do {
            return try T(postgresText: bytes)
        } catch let error as PostgresError {
            var named = error
            named.column = rows.columns[column]
            throw named
        }
    }

    /// Decodes the column named `name`.
    public func decode<T: PostgresDecodable>(_ type: T.Type = T.self, named name: String) throws -> T {
        guard let column = rows.columnIndex(name) else {
            throw PostgresError(.decodingFailure, reason: "no column named \(name)")
        }
        return try decode(type, at: column)
    }

    /// Decodes the first two columns.
    public func decode<A: PostgresDecodable, B: PostgresDecodable>(_ a: A.Type, _ b: B.Type) throws -> (A, B) {
        (try decode(a, at: 0), try decode(b, at: 1))
    }

    /// Decodes the first three columns.
    public func decode<A: PostgresDecodable, B: PostgresDecodable, C: PostgresDecodable>(
        _ a: A.Type, _ b: B.Type, _ c: C.Type
    ) throws -> (A, B, C) {
        (try decode(a, at: 0), try decode(b, at: 1), try decode(c, at: 2))
    }
}
