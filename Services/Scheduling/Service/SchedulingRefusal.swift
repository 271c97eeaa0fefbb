/// Why scheduling refused a staff request, in English and Russian, without personal data: the
/// API turns it into a problem document, the admin CLI prints it.
public struct SchedulingRefusal: Error, Sendable, Equatable {
    /// What kind of refusal this is; it decides the HTTP status.
    public enum Kind: Sendable, Equatable {
        /// Nothing of this kind in the caller's organisation (404).
        case notFound
        /// The caller's role may not do this (403).
        case forbidden
        /// The request is well formed but breaks a rule of the domain (409).
        case conflict
        /// A field's value is not acceptable (422); ``pointer`` names it.
        case invalid
    }

    /// The refusal's kind.
    public var kind: Kind
    /// A stable code for programs: `illegal_transition`, `consent_missing`, `booking_conflict`, …
    public var code: String
    /// What is wrong, in English.
    public var message: String
    /// What is wrong, in Russian.
    public var messageRu: String
    /// For ``Kind/invalid``: the field, as a JSON pointer into the request body.
    public var pointer: String?

    /// A refusal.
    public init(_ kind: Kind, code: String, message: String, messageRu: String, pointer: String? = nil) {
        self.kind = kind
        self.code = code
        self.message = message
        self.messageRu = messageRu
        self.pointer = pointer
    }

    /// Nothing called `what` (in English and Russian) with this id in the caller's organisation.
    static func notFound(_ what: String, _ whatRu: String) -> SchedulingRefusal {
        SchedulingRefusal(
            .notFound, code: "not_found", message: "No \(what) with this id in your organisation.",
            messageRu: "В вашей организации нет объекта «\(whatRu)» с таким идентификатором.")
    }

    /// The caller's role may not do `action`.
    static func forbidden(_ action: String) -> SchedulingRefusal {
        SchedulingRefusal(
            .forbidden, code: "forbidden", message: "Your role may not \(action).",
            messageRu: "Ваша роль не позволяет выполнить это действие (\(action)).")
    }

    /// The value at `pointer` breaks a rule.
    static func invalid(_ pointer: String, code: String, _ message: String, _ messageRu: String) -> SchedulingRefusal {
        SchedulingRefusal(.invalid, code: code, message: message, messageRu: messageRu, pointer: pointer)
    }
}
