import TestSupport

/// Produces fuzz inputs for the column decoders: uniformly random bytes, and valid column texts
/// bent by a few structured mutations, which reach far deeper into the parsers than noise does.
struct FuzzInputs {
    /// Valid texts of every decoded type, as the server prints them.
    static let seeds: [[UInt8]] = [
        "{1,2,3}", #"{"a\"b",NULL,"c\\d"}"#, "[0:1]={1,2}", "{}", #"{алма,"b c",null}"#, #"{"",""}"#,
        "2026-11-24 01:39:22.123456+00", "2026-11-24T01:39:22Z", "1969-12-31 23:59:59-03:30", "0001-01-01 00:00:00+00",
        "infinity", "-infinity",
        "9223372036854775807", "-9223372036854775808", "2147483647", "-2147483648", "+5", "-0", "0",
        "NaN", "-Infinity", "1.5e-05", "t", "f",
        "0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b", #"\x00ff7e"#, #"\x"#,
        #"{"a":"b","c":"d"}"#, "{}", #"{"a":1}"#, #"{"k":"\u00e9\"x"}"#,
    ].map { Array($0.utf8) }

    /// Bytes that mean something to at least one parser, plus a NUL and broken UTF-8.
    static let meaningful: [UInt8] = Array(#"{}[]=:,"\ -+.TZtfxX0123456789NUL"#.utf8) + [0x00, 0xFF, 0xC3, 0x80, 0xF0]

    private var random: SeededGenerator

    /// Creates a deterministic input stream.
    init(seed: UInt64) {
        random = SeededGenerator(seed: seed)
    }

    /// The next input: a quarter random bytes, the rest mutated seeds.
    mutating func next() -> [UInt8] {
        if Int.random(in: 0..<4, using: &random) == 0 { return random.bytes(maxCount: 40) }
        var bytes = Self.seeds.randomElement(using: &random)!
        for _ in 0..<Int.random(in: 1...4, using: &random) { mutate(&bytes) }
        return bytes
    }

    /// Applies one structured mutation.
    private mutating func mutate(_ bytes: inout [UInt8]) {
        let position = Int.random(in: 0...bytes.count, using: &random)
        let byte = Int.random(in: 0..<3, using: &random) == 0
            ? UInt8.random(in: .min ... .max, using: &random)
            : Self.meaningful.randomElement(using: &random)!
        switch Int.random(in: 0..<7, using: &random) {
        case 0 where position < bytes.count: bytes[position] = byte
        case 1: bytes.insert(byte, at: position)
        case 2 where position < bytes.count: bytes.remove(at: position)
        case 3: bytes.removeSubrange(position...)
        case 4: bytes.insert(contentsOf: bytes[position...], at: position)
        case 5 where position + 1 < bytes.count: bytes.swapAt(position, position + 1)
        default: bytes += Self.seeds.randomElement(using: &random)!
        }
    }
}
