import ServiceRuntime
import IntakeAPI
import Models

extension Components.Schemas.ReferralSubmission {
    /// The submission with every rule of the API checked and its text normalised, or a 422
    /// listing every bad field. Nothing is said about the `undecided` values (stand-ins for
    /// what could not be decoded), nor judged by them.
    func validated(today: LocalDate, undecided: Set<String> = []) throws(APIProblem) -> Self {
        var check = FieldChecker(today: today, undecided: undecided)
        var valid = self
        valid.source = source.validated(&check, at: "/source")
        valid.description = check.text(description, at: "/description", maximum: 8000, multiline: true)
        let occurredOn = check.date(occurredOn, at: "/occurred_on", notAfterToday: true)
        if let place {
            valid.place = .init(
                schoolName: check.optionalText(place.schoolName, at: "/place/school_name", maximum: 300),
                className: check.className(place.className, at: "/place/class_name"),
                description: check.optionalText(place.description, at: "/place/description", maximum: 500))
        }
        check.count(minors.count, at: "/minors", 1...20)
        var refs: Set<String> = []
        valid.minors = minors.enumerated().map { index, minor in
            let pointer = "/minors/\(index)"
            var minor = minor
            if minor.ref.isEmpty || minor.ref.count > 20
                || !minor.ref.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }) {
                check.add(.invalidPattern(pointer + "/ref", "1–20 Latin letters, digits, _ or -", "1–20 латинских букв, цифр, _ или -"))
            } else if !refs.insert(minor.ref).inserted {
                check.add(.duplicate(pointer + "/ref"))
            }
            minor.name = check.name(minor.name, at: pointer + "/name")
            let born = check.date(minor.birthDate, at: pointer + "/birth_date", notAfterToday: true)
            check.minorAge(bornOn: born, on: occurredOn, at: pointer + "/birth_date")
            minor.schoolName = check.optionalText(minor.schoolName, at: pointer + "/school_name", maximum: 300)
            minor.className = check.className(minor.className, at: pointer + "/class_name")
            return minor
        }
        // A ref that could not be decoded may be the one a representative names.
        let refsKnown = check.isDecided("/minors") && minors.indices.allSatisfy { check.isDecided("/minors/\($0)/ref") }
        let representatives = legalRepresentatives ?? []
        check.count(representatives.count, at: "/legal_representatives", 0...40)
        valid.legalRepresentatives = legalRepresentatives.map { _ in
            representatives.enumerated().map { index, representative in
                representative.validated(&check, at: "/legal_representatives/\(index)", minors: refsKnown ? refs : nil)
            }
        }
        let adults = adultParties ?? []
        check.count(adults.count, at: "/adult_parties", 0...20)
        valid.adultParties = adultParties.map { _ in adults.enumerated().map { index, party in
            let pointer = "/adult_parties/\(index)"
            var party = party
            party.name = check.name(party.name, at: pointer + "/name")
            party.phone = check.phone(party.phone, at: pointer + "/phone")
            party.email = check.email(party.email, at: pointer + "/email")
            return party
        } }
        check.count(requestedResponses.count, at: "/requested_responses", 1...3)
        // Stand-ins for undecodable responses repeat nothing that was sent.
        let decided = requestedResponses.indices.filter { check.isDecided("/requested_responses/\($0)") }
        for (position, index) in decided.enumerated()
        where decided[..<position].contains(where: { requestedResponses[$0] == requestedResponses[index] }) {
            check.add(.duplicate("/requested_responses/\(index)"))
        }
        if let deadline = senderDeadline {
            let due = check.date(deadline, at: "/sender_deadline", notAfterToday: false)
            if let due, let sent = LocalDate(source.reference.date), due < sent {
                check.add(.deadlineInPast("/sender_deadline"))
            }
        }
        valid.attachments = attachments.map { $0.validated(&check, at: "/attachments") }
        guard check.issues.isEmpty else { throw .validation(check.issues) }
        return valid
    }
}

extension Components.Schemas.ReferralSource {
    fileprivate func validated(_ check: inout FieldChecker, at pointer: String) -> Self {
        var source = self
        source.organisationName = check.optionalText(organisationName, at: pointer + "/organisation_name", maximum: 300)
        if source.organisationName == nil, kind != .parent, kind != .selfReferral, check.isDecided(pointer + "/kind") {
            check.add(.organisationRequired(pointer + "/organisation_name"))
        }
        source.reference = reference.validated(&check, at: pointer + "/reference")
        return source
    }
}

extension Components.Schemas.SenderReference {
    /// The reference with its number trimmed and its date checked (a real day, not in the future).
    func validated(_ check: inout FieldChecker, at pointer: String) -> Self {
        var reference = self
        reference.number = check.text(number, at: pointer + "/number", maximum: 100)
        _ = check.date(date, at: pointer + "/date", notAfterToday: true)
        return reference
    }
}

extension Components.Schemas.LegalRepresentative {
    /// The representative with name and contacts checked; `minors`, when given, are the refs
    /// `represents` may name.
    func validated(_ check: inout FieldChecker, at pointer: String, minors: Set<String>?) -> Self {
        var representative = self
        representative.name = check.name(name, at: pointer + "/name")
        representative.phone = check.phone(phone, at: pointer + "/phone")
        representative.email = check.email(email, at: pointer + "/email")
        check.count(represents.count, at: pointer + "/represents", 1...20)
        for (index, ref) in represents.enumerated() {
            if ref.isEmpty || ref.count > 20 {
                check.add(.invalidPattern(pointer + "/represents/\(index)", "1–20 characters", "от 1 до 20 символов"))
            } else if let minors, !minors.contains(ref) {
                check.add(.unknownReference(pointer + "/represents/\(index)"))
            } else if represents[..<index].contains(ref) {
                check.add(.duplicate(pointer + "/represents/\(index)"))
            }
        }
        return representative
    }
}

extension [Components.Schemas.Attachment] {
    /// The list with titles trimmed and counts checked.
    func validated(_ check: inout FieldChecker, at pointer: String) -> Self {
        check.count(count, at: pointer, 0...50)
        return enumerated().map { index, attachment in
            var attachment = attachment
            attachment.title = check.text(attachment.title, at: "\(pointer)/\(index)/title", maximum: 300)
            check.range(attachment.pages, at: "\(pointer)/\(index)/pages", 1...10_000)
            return attachment
        }
    }
}
