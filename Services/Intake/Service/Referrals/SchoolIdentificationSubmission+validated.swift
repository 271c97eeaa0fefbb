import ServiceRuntime
import IntakeAPI
import Models

extension Components.Schemas.SchoolIdentificationSubmission {
    /// The identification with every rule checked and its text normalised, or a 422 listing
    /// every bad field. Nothing is said about the `undecided` values (stand-ins for what could
    /// not be decoded), nor judged by them.
    func validated(today: LocalDate, undecided: Set<String> = []) throws(APIProblem) -> Self {
        var check = FieldChecker(today: today, undecided: undecided)
        var valid = self
        valid.reference = reference.validated(&check, at: "/reference")
        valid.schoolName = check.text(schoolName, at: "/school_name", maximum: 300)
        let identifiedOn = check.date(identifiedOn, at: "/identified_on", notAfterToday: true)
        valid.reason = check.text(reason, at: "/reason", maximum: 4000, multiline: true)
        valid.reporter.name = check.name(reporter.name, at: "/reporter/name")
        valid.reporter.phone = check.phone(reporter.phone, at: "/reporter/phone")
        valid.reporter.email = check.email(reporter.email, at: "/reporter/email")
        valid.student = student.validated(&check, at: "/student", on: identifiedOn)
        let representatives = legalRepresentatives ?? []
        check.count(representatives.count, at: "/legal_representatives", 0...4)
        // One student: `represents` names nobody in particular, so any labels are accepted.
        valid.legalRepresentatives = legalRepresentatives.map { _ in
            representatives.enumerated().map { index, representative in
                representative.validated(&check, at: "/legal_representatives/\(index)", minors: nil)
            }
        }
        valid.attachments = attachments.map { $0.validated(&check, at: "/attachments") }
        guard check.issues.isEmpty else { throw .validation(check.issues) }
        return valid
    }
}

extension Components.Schemas.StudentProfile {
    fileprivate func validated(_ check: inout FieldChecker, at pointer: String, on day: LocalDate?) -> Self {
        var profile = self
        profile.name = check.name(name, at: pointer + "/name")
        let born = check.date(birthDate, at: pointer + "/birth_date", notAfterToday: true)
        check.minorAge(bornOn: born, on: day, at: pointer + "/birth_date")
        profile.className = check.className(className, at: pointer + "/class_name") ?? ""
        if profile.className.isEmpty { check.add(.tooShort(pointer + "/class_name", minimum: 1)) }
        check.range(attendancePercent, at: pointer + "/attendance_percent", 0...100)
        check.range(behaviour, at: pointer + "/behaviour", 1...5)
        check.range(performance, at: pointer + "/performance", 1...5)
        profile.familyComposition = check.optionalText(familyComposition, at: pointer + "/family_composition", maximum: 2000, multiline: true)
        profile.familySocialStatus = check.optionalText(familySocialStatus, at: pointer + "/family_social_status", maximum: 2000, multiline: true)
        profile.specialNeeds = check.optionalText(specialNeeds, at: pointer + "/special_needs", maximum: 2000, multiline: true)
        profile.health = check.optionalText(health, at: pointer + "/health", maximum: 2000, multiline: true)
        profile.classRelations = check.optionalText(classRelations, at: pointer + "/class_relations", maximum: 2000, multiline: true)
        profile.housingReport = check.optionalText(housingReport, at: pointer + "/housing_report", maximum: 4000, multiline: true)
        profile.characterisation = check.optionalText(characterisation, at: pointer + "/characterisation", maximum: 8000, multiline: true)
        return profile
    }
}
