import Foundation
import Models
import Testing

/// One case of one vocabulary, erased so a single parameterized test can walk every term.
struct Term: Sendable, CustomTestStringConvertible {
    let vocabulary: String
    let rawValue: String
    let names: LocalizedNames
    let defaultName: String
    /// Encodes the case to JSON, decodes it back and says whether it came back equal, with the JSON.
    let roundTrip: @Sendable () throws -> (equal: Bool, json: String)

    var testDescription: String { "\(vocabulary).\(rawValue)" }

    static func all<V: Vocabulary>(of type: V.Type) -> [Term] {
        V.allCases.map { term in
            Term(
                vocabulary: String(describing: V.self),
                rawValue: term.rawValue,
                names: term.localizedNames,
                defaultName: term.localizedName(),
                roundTrip: {
                    let data = try JSONEncoder().encode([term])
                    let decoded = try JSONDecoder().decode([V].self, from: data)
                    return (decoded == [term], String(decoding: data, as: UTF8.self))
                }
            )
        }
    }
}

/// A vocabulary's raw values, and the values the database and JSON already hold.
struct PinnedValues: Sendable, CustomTestStringConvertible {
    let vocabulary: String
    let actual: [String]
    let expected: [String]

    var testDescription: String { vocabulary }

    init<V: Vocabulary>(_ type: V.Type, _ expected: [String]) {
        vocabulary = String(describing: V.self)
        actual = V.allCases.map(\.rawValue)
        self.expected = expected
    }
}

@Suite("Vocabularies")
struct VocabularyTests {
    static let terms: [Term] = [
        Term.all(of: ReferralSourceKind.self), Term.all(of: ReferralNature.self),
        Term.all(of: RequestedResponse.self), Term.all(of: ReferralStatus.self),
        Term.all(of: ProgrammeKind.self), Term.all(of: MeetingKind.self),
        Term.all(of: SpecialistRole.self), Term.all(of: PartyRole.self),
        Term.all(of: OrganisationKind.self), Term.all(of: CaseKind.self),
        Term.all(of: RestorativeCaseState.self), Term.all(of: AccompanimentCaseState.self),
        Term.all(of: CaseOutcome.self), Term.all(of: InterventionArea.self),
        Term.all(of: InterventionKind.self), Term.all(of: ConsentForm.self),
        Term.all(of: ConsentScope.self), Term.all(of: AgeGroup.self),
        Term.all(of: ClosingReason.self), Term.all(of: CaseDeadline.self),
        Term.all(of: SupportPlanStatus.self), Term.all(of: InterventionStatus.self),
        Term.all(of: PlanActivityKind.self),
    ].flatMap { $0 }

    /// Renaming any of these breaks stored rows and bus history: this list changes only by appending.
    static let pinned: [PinnedValues] = [
        PinnedValues(
            ReferralSourceKind.self,
            [
                "court", "police", "minors_commission", "guardianship", "school", "parent", "self_referral",
                "municipal_service", "other",
            ]
        ),
        PinnedValues(ReferralNature.self, ["conflict", "offence", "dropout_risk", "at_risk_status"]),
        PinnedValues(RequestedResponse.self, ["restorative_programme", "case_conclusion", "accompaniment"]),
        PinnedValues(ReferralStatus.self, ["received", "accepted", "case_opened", "programme_scheduled", "closed"]),
        PinnedValues(
            ProgrammeKind.self,
            [
                "mediation", "shuttle_mediation", "community_circle", "school_conference", "family_conference",
                "care_circle", "victim_letter", "reconciliation", "harm_repair",
            ]
        ),
        PinnedValues(MeetingKind.self, ["preliminary", "main", "follow_up"]),
        PinnedValues(
            ClosingReason.self,
            ["party_declined", "no_agreement", "party_unreachable", "agreement_broken", "handed_to_guardianship", "other"]
        ),
        PinnedValues(CaseDeadline.self, ["first_contact", "sender_deadline"]),
        PinnedValues(
            SpecialistRole.self,
            ["mediator", "peer_mediator", "social_pedagogue", "psychologist", "curator", "class_teacher"]
        ),
        PinnedValues(
            PartyRole.self,
            ["minor", "legal_representative", "harmed_party", "responsible_party", "supporter"]
        ),
        PinnedValues(
            OrganisationKind.self,
            [
                "school_service", "municipal_service", "social_pedagogical_centre", "education_authority",
                "minors_commission", "court", "police", "guardianship",
            ]
        ),
        PinnedValues(CaseKind.self, ["restorative", "accompaniment"]),
        PinnedValues(
            RestorativeCaseState.self,
            ["new", "assigned", "consent_pending", "preparation", "main_meeting", "agreement", "follow_up", "closed"]
        ),
        PinnedValues(
            AccompanimentCaseState.self,
            [
                "identified", "information_gathered", "opened", "needs_assessed", "curator_chosen", "support_plan",
                "implementation", "evaluated", "closed",
            ]
        ),
        PinnedValues(
            CaseOutcome.self,
            ["reconciled", "agreement_fulfilled", "not_reconciled", "refused", "transferred", "continued", "goals_achieved"]
        ),
        PinnedValues(InterventionArea.self, ["attendance", "behaviour", "performance"]),
        PinnedValues(
            InterventionKind.self,
            [
                "absence_monitoring", "absence_notice", "attendance_rules", "home_visit", "teacher_relationship",
                "disciplinary_procedures", "parent_meetings", "behaviour_monitoring", "external_referral",
                "differentiated_teaching", "extra_classes", "family_learning", "individual_learning_plan",
            ]
        ),
        PinnedValues(ConsentForm.self, ["written", "oral_recorded", "electronic"]),
        PinnedValues(
            ConsentScope.self,
            [
                "programme_participation", "accompaniment", "psychological_assistance", "personal_data_processing",
                "information_sharing",
            ]
        ),
        PinnedValues(AgeGroup.self, ["under_14", "from_14_to_17", "adult"]),
        PinnedValues(SupportPlanStatus.self, ["active", "completed"]),
        PinnedValues(InterventionStatus.self, ["planned", "in_progress", "done", "cancelled"]),
        PinnedValues(PlanActivityKind.self, ["training", "event", "meeting", "methodical", "monitoring", "other"]),
    ]

    @Test("every term round-trips through JSON as its bare raw value", arguments: terms)
    func jsonRoundTrip(term: Term) throws {
        let (equal, json) = try term.roundTrip()
        #expect(equal)
        #expect(json == "[\"\(term.rawValue)\"]")
    }

    @Test("every raw value is snake_case", arguments: terms)
    func snakeCase(term: Term) {
        #expect(term.rawValue.wholeMatch(of: /[a-z][a-z0-9]*(_[a-z0-9]+)*/) != nil)
    }

    @Test("every term has a Russian, Kazakh and English name, Russian by default", arguments: terms)
    func names(term: Term) {
        for language in Language.allCases {
            #expect(!term.names[language].trimmingCharacters(in: .whitespaces).isEmpty, "\(language)")
        }
        #expect(term.defaultName == term.names.ru)
    }

    @Test("raw values stay what is already stored", arguments: pinned)
    func stableRawValues(pinned: PinnedValues) {
        #expect(pinned.actual == pinned.expected)
    }

    @Test("every vocabulary is pinned")
    func everyVocabularyPinned() {
        #expect(Set(Self.terms.map(\.vocabulary)) == Set(Self.pinned.map(\.vocabulary)))
    }

    @Test("an unknown raw value does not decode")
    func unknownRawValue() {
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([ProgrammeKind].self, from: Data(#"["Mediation"]"#.utf8))
        }
    }

    @Test("the intervention catalogue follows seed 003's table: 4 attendance, 5 behaviour, 4 performance")
    func interventionAreas() {
        let counts = Dictionary(grouping: InterventionKind.allCases, by: \.area).mapValues(\.count)
        #expect(counts == [.attendance: 4, .behaviour: 5, .performance: 4])
    }

    @Test("languages are ISO 639-1 codes")
    func languages() {
        #expect(Language.allCases.map(\.rawValue) == ["ru", "kk", "en"])
    }
}
