import Foundation
@testable import IntakeService
import Testing

@Suite("Minors' fingerprints")
struct MinorFingerprintTests {
    let fingerprinter = MinorFingerprinter(secret: "test-key-0123456789abcdef0123456789")

    @Test("spellings two senders would both use match: case, ё/е, spaces, hyphen spacing, compatibility forms")
    func variantsMatch() {
        let first = fingerprinter.fingerprint(lastName: "Римская-Корсакова", firstName: "Алёна", birthDate: "2012-05-01")
        for (last, given) in [("РИМСКАЯ-КОРСАКОВА", "АЛЕНА"), ("  римская - корсакова ", "алена"), ("Римская -Корсакова", "Алёна\u{00A0}")] {
            #expect(fingerprinter.fingerprint(lastName: last, firstName: given, birthDate: "2012-05-01") == first, "\(last) \(given)")
        }
        #expect(first.count == 32)
    }

    @Test("another birth date, name or key gives another fingerprint; the name is not in it")
    func differences() {
        let first = fingerprinter.fingerprint(lastName: "Иванов", firstName: "Пётр", birthDate: "2013-05-01")
        #expect(fingerprinter.fingerprint(lastName: "Иванов", firstName: "Пётр", birthDate: "2013-05-02") != first)
        #expect(fingerprinter.fingerprint(lastName: "Иванова", firstName: "Пётр", birthDate: "2013-05-01") != first)
        #expect(fingerprinter.fingerprint(lastName: "Пётр", firstName: "Иванов", birthDate: "2013-05-01") != first)
        // The separator keeps "ab"+"c" apart from "a"+"bc".
        #expect(fingerprinter.fingerprint(lastName: "Ив", firstName: "анов", birthDate: "2013-05-01")
            != fingerprinter.fingerprint(lastName: "Ива", firstName: "нов", birthDate: "2013-05-01"))
        #expect(MinorFingerprinter(secret: "another-key").fingerprint(lastName: "Иванов", firstName: "Пётр", birthDate: "2013-05-01") != first)
        #expect(MinorFingerprinter(secret: nil).fingerprint(lastName: "Иванов", firstName: "Пётр", birthDate: "2013-05-01") != first)
        #expect(!String(decoding: first, as: UTF8.self).contains("Иванов"))
    }
}
