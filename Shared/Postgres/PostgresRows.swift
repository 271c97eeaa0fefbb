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

    init(result: PostgresResult) {
        self.result = result
        count = Int(PQntuples(result.pointer))
    }

    /// Column names, in order (read from the result on demand: most callers decode by position).
    public var columns: [String] {
        guard let result else { return [] }
        return (0..<PQnfields(result.pointer)).map { String(cString: PQfname(result.pointer, $0)) }
    }

    /// Rows inserted, updated, deleted or selected, as the command tag reports.
    public var affectedRows: Int {
        guard let result else { return 0 }
        return Int(String(cString: PQcmdTuples(result.pointer))) ?? 0
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
        guard let result else { return nil }
        // Quoted, so the name matches exactly (PQfnumber folds unquoted names to lower case).
        let index = PQfnumber(result.pointer, PostgresQuery.quoteIdentifier(name))
        return index < 0 ? nil : Int(index)
    }

    func columnName(_ index: Int) -> String {
        guard let result else { return "?" }
        return String(cString: PQfname(result.pointer, Int32(index)))
    }

    var columnCount: Int {
        guard let result else { return 0 }
        return Int(PQnfields(result.pointer))
    }
}

/// One row of a result.
public struct PostgresRow: Sendable {
    let rows: PostgresRows
    let index: Int32

    /// Decodes the column at `column` (zero-based).
    public func decode<T: PostgresDecodable>(_ type: T.Type = T.self, at column: Int) throws -> T {
        guard let result = rows.result, column >= 0, column < rows.columnCount else {
            throw PostgresError(.decodingFailure, reason: "column \(column) is out of range")
        }
        let field = Int32(column)
        if PQgetisnull(result.pointer, index, field) == 1 {
            guard let null = T.postgresNull else {
                throw PostgresError(.decodingFailure, reason: "column \(rows.columnName(column)) is NULL; decode as \(T.self)?")
            }
            return null
        }
        let length = Int(PQgetlength(result.pointer, index, field))
        let bytes = UnsafeRawBufferPointer(start: PQgetvalue(result.pointer, index, field), count: length)
        do {
            return try T(postgresText: bytes)
        } catch let error as PostgresError {
            var named = error
            named.column = rows.columnName(column)
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
