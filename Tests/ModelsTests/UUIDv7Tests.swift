import Foundation
import Models
import Testing

@Suite("UUIDv7")
struct UUIDv7Tests {
    /// Hands out fixed values, so the random fields are known.
    struct FixedGenerator: RandomNumberGenerator {
        var values: [UInt64]

        mutating func next() -> UInt64 {
            values.removeFirst()
        }
    }

    /// The bytes of `uuid`, most significant first.
    func bytes(_ uuid: UUID) -> [UInt8] {
        withUnsafeBytes(of: uuid.uuid) { Array($0) }
    }

    /// The 48-bit millisecond timestamp in the first six bytes.
    func timestamp(_ uuid: UUID) -> UInt64 {
        bytes(uuid).prefix(6).reduce(0) { $0 << 8 | UInt64($1) }
    }

    @Test("reproduces the RFC 9562 appendix A.6 example")
    func rfcExample() {
        // 0x017F22E279B0 ms = 2022-02-22T19:22:22Z; rand_a 0xCC3; rand_b 0x18C4DC0C0C07398F.
        var generator = FixedGenerator(values: [0xCC3, 0x18C4_DC0C_0C07_398F])
        let uuid = UUID.v7(at: Date(timeIntervalSince1970: 1_645_557_742), using: &generator)
        #expect(uuid.uuidString == "017F22E2-79B0-7CC3-98C4-DC0C0C07398F")
    }

    @Test(
        "sets version 7 and the RFC variant whatever the random bits",
        arguments: [UInt64.min, .max, 0x5555_5555_5555_5555]
    )
    func versionAndVariant(random: UInt64) {
        var generator = FixedGenerator(values: [random, random])
        let uuid = bytes(UUID.v7(at: Date(), using: &generator))
        #expect(uuid[6] >> 4 == 0x7)
        #expect(uuid[8] >> 6 == 0b10)
    }

    @Test("system-random identifiers carry version 7, the variant and the current millisecond")
    func systemRandom() {
        let before = UInt64((Date().timeIntervalSince1970 * 1000).rounded())
        let uuids = (0..<1000).map { _ in UUID.v7() }
        let after = UInt64((Date().timeIntervalSince1970 * 1000).rounded())
        for uuid in uuids {
            #expect(bytes(uuid)[6] >> 4 == 0x7)
            #expect(bytes(uuid)[8] >> 6 == 0b10)
            #expect((before...after).contains(timestamp(uuid)))
        }
        #expect(Set(uuids).count == uuids.count)
    }

    @Test("every millisecond is encoded as itself, though Date cannot hold most of them exactly")
    func exactMilliseconds() {
        let start: UInt64 = 1_743_447_599_000
        for milliseconds in start..<start + 2000 {
            let date = Date(timeIntervalSince1970: Double(milliseconds) / 1000)
            #expect(timestamp(UUID.v7(at: date)) == milliseconds)
        }
    }

    @Test("later milliseconds sort after earlier ones, byte-wise as PostgreSQL sorts uuid")
    func orderAcrossMilliseconds() {
        let start = instant("2025-03-31T18:59:59Z").timeIntervalSince1970
        let ids = (0..<2000).map { ReferralID.make(at: Date(timeIntervalSince1970: start + Double($0) / 1000)) }
        #expect(zip(ids, ids.dropFirst()).allSatisfy { $0 < $1 })
        #expect(ids.map(\.description) == ids.map(\.description).sorted())
    }

    @Test("instants outside the 48-bit range are clamped, not trapped on")
    func clamping() {
        #expect(timestamp(UUID.v7(at: Date(timeIntervalSince1970: -1))) == 0)
        #expect(
            timestamp(UUID.v7(at: .distantFuture))
                == UInt64((Date.distantFuture.timeIntervalSince1970 * 1000).rounded())
        )
        #expect(timestamp(UUID.v7(at: Date(timeIntervalSince1970: 1e15))) == 0xFFFF_FFFF_FFFF)
    }
}
