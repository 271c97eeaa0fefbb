@testable import Postgres
import Testing

@Suite("EncodedParameters")
struct EncodedParametersTests {
    @Test("binds become NUL-terminated texts with their OIDs, NULL as a null pointer")
    func pointers() throws {
        let parameters = try EncodedParameters([7, nil as Int32?, "Әлия", [1, 2], true])
        #expect(parameters.count == 5)
        #expect(parameters.types == [20, 23, 0, 1016, 16])
        let texts = parameters.withPointers { pointers in pointers.map { $0.map { String(cString: $0) } } }
        #expect(texts == ["7", nil, "Әлия", #"{"1","2"}"#, "t"])
    }

    @Test("a text holding a NUL is refused, not cut short where libpq would stop reading it", arguments: [
        "ab\u{0}cd", "\u{0}", "end\u{0}",
    ])
    func nul(text: String) throws {
        let error = try #require(throws: PostgresError.self) { try EncodedParameters([1, text]) }
        #expect(error.kind == .encodingFailure)
        #expect(throws: PostgresError.self) { try EncodedParameters([[text]]) }
    }

    @Test("no binds give no pointers")
    func empty() throws {
        let parameters = try EncodedParameters([])
        #expect(parameters.count == 0)
        #expect(parameters.withPointers { $0.count } == 0)
    }
}
