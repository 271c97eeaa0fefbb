import Foundation
@testable import Postgres
import Testing
import TestSupport

@Suite("PostgresArrayText")
struct PostgresArrayTextTests {
    /// Characters that are special in array text, plus multi-byte letters and emoji.
    static let alphabet: [Character] = Array(#"ab "\,{}[]=:NULLnul"#) + ["\\", "\t", "\n", "ә", "ғ", "қ", "ң", "ө", "ұ", "ү", "һ", "і", "Ж", "щ", "👧🏽", "🇰🇿", "é", "\u{301}"]

    @Test("format quotes and escapes every element")
    func format() {
        #expect(PostgresArrayText.format([]) == "{}")
        #expect(PostgresArrayText.format(["a", nil, "", "NULL"]) == #"{"a",NULL,"","NULL"}"#)
        #expect(PostgresArrayText.format([#"say "hi""#, #"C:\dir"#, "a,b", "{x}"]) == #"{"say \"hi\"","C:\\dir","a,b","{x}"}"#)
    }

    @Test("format then parse returns the elements, over seeded random strings and NULLs")
    func roundTrip() {
        var random = SeededGenerator(seed: 0xA77A_7E47)
        for _ in 0..<500 {
            let elements: [String?] = (0..<Int.random(in: 0...8, using: &random)).map { _ in
                Int.random(in: 0..<5, using: &random) == 0 ? nil : random.string(from: Self.alphabet, maxLength: 12)
            }
            let text = PostgresArrayText.format(elements)
            #expect(parseArray(text) == elements, "\(text)")
        }
    }

    @Test(
        "parses the server's output",
        arguments: [
            ("{}", []),
            ("{1,2,3}", ["1", "2", "3"]),
            (#"{a,"b c",NULL}"#, ["a", "b c", nil]),
            (#"{"NULL",null,NuLl,NULLS}"#, ["NULL", nil, nil, "NULLS"]),
            (#"{"",x}"#, ["", "x"]),
            (#"{"a\"b","c\\d","e,f","{g}"}"#, [#"a"b"#, #"c\d"#, "e,f", "{g}"]),
            ("{алма,Қазақстан,\"😀 ok\"}", ["алма", "Қазақстан", "😀 ok"]),
            ("[0:1]={1,2}", ["1", "2"]),
            ("[-3:-2]={\"x\",NULL}", ["x", nil]),
        ] as [(String, [String?])]
    )
    func serverOutput(text: String, elements: [String?]) {
        #expect(parseArray(text) == elements)
    }

    @Test(
        "rejects multi-dimensional and malformed text",
        arguments: [
            "", "{", "}", "1,2", "{1,2", "1,2}", "{{1},{2}}", "{{}}", "{1,{2}}", "[0:1]{1,2}", "[0:1]=",
            "[1:1]=1", #"{"a}"#, #"{"a\"}"#, #"{"a"b}"#, #"{"a" }"#, #"{"a"x,"b"}"#, #"{"\}"#, "{1}x", "x{1}", "=",
        ]
    )
    func rejects(text: String) {
        #expect(parseArray(text) == nil)
    }

    @Test("typed arrays decode element by element")
    func typedArrays() throws {
        #expect(try decode([Int].self, "{1,-2,3}") == [1, -2, 3])
        #expect(try decode([Int?].self, "{1,NULL,3}") == [1, nil, 3])
        #expect(try decode([String?].self, #"{"a",NULL,"NULL"}"#) == ["a", nil, "NULL"])
        #expect(try decode([Bool].self, "{t,f}") == [true, false])
        #expect(try decode([UUID].self, "{00000000-0000-0000-0000-00000000002a}") == [UUID(uuidString: "00000000-0000-0000-0000-00000000002A")!])
    }

    @Test(
        "typed arrays reject a NULL without an optional element and a bad element",
        arguments: ["{1,NULL}", "{1,x}", "{1,2", "{{1}}", #"{"1",""}"#]
    )
    func typedArrayFailures(text: String) {
        let error = #expect(throws: PostgresError.self) { try decode([Int].self, text) }
        #expect(error?.kind == .decodingFailure)
    }
}
