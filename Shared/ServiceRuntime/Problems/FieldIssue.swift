/// One bad field of a request: where it is (an RFC 6901 pointer into the body, or a query
/// parameter's or header's name), a stable code, and what is wrong in English and Russian.
///
/// Messages name the rule, never echo the value: a rejected value may be a child's name.
public struct FieldIssue: Sendable, Equatable {
    /// `/minors/0/birth_date`, or `limit`, or `Idempotency-Key`.
    public var pointer: String
    /// `required`, `too_long`, `invalid_date`, … — for programs.
    public var code: String
    /// For people, in English.
    public var message: String
    /// For people, in Russian.
    public var messageRu: String

    /// An issue.
    public init(pointer: String, code: String, message: String, messageRu: String) {
        self.pointer = pointer
        self.code = code
        self.message = message
        self.messageRu = messageRu
    }
}

extension FieldIssue {
    /// The field at `pointer`: unknown field.
    public static func unknownField(_ pointer: String) -> FieldIssue {
        FieldIssue(
            pointer: pointer, code: "unknown_field", message: "Is not a field of this object; see /openapi.yaml.",
            messageRu: "Такого поля у этого объекта нет; см. /openapi.yaml.")
    }

    /// The field at `pointer`: required.
    public static func required(_ pointer: String) -> FieldIssue {
        FieldIssue(pointer: pointer, code: "required", message: "This field is required.", messageRu: "Обязательное поле.")
    }

    /// The field at `pointer`: too short.
    public static func tooShort(_ pointer: String, minimum: Int) -> FieldIssue {
        minimum <= 1
            ? FieldIssue(pointer: pointer, code: "empty", message: "Must not be empty.", messageRu: "Не должно быть пустым.")
            : FieldIssue(
                pointer: pointer, code: "too_short", message: "Must have at least \(minimum) characters.",
                messageRu: "Должно содержать не менее \(minimum) символов.")
    }

    /// The field at `pointer`: too long.
    public static func tooLong(_ pointer: String, maximum: Int) -> FieldIssue {
        FieldIssue(
            pointer: pointer, code: "too_long", message: "Must have at most \(maximum) characters.",
            messageRu: "Должно содержать не более \(maximum) символов.")
    }

    /// The field at `pointer`: too few items.
    public static func tooFewItems(_ pointer: String, minimum: Int) -> FieldIssue {
        FieldIssue(
            pointer: pointer, code: "too_few_items", message: "Must list at least \(minimum) item(s).",
            messageRu: "Должно содержать не менее \(minimum) элемент(ов).")
    }

    /// The field at `pointer`: too many items.
    public static func tooManyItems(_ pointer: String, maximum: Int) -> FieldIssue {
        FieldIssue(
            pointer: pointer, code: "too_many_items", message: "Must list at most \(maximum) items.",
            messageRu: "Должно содержать не более \(maximum) элементов.")
    }

    /// The field at `pointer`: invalid characters.
    public static func invalidCharacters(_ pointer: String) -> FieldIssue {
        FieldIssue(
            pointer: pointer, code: "invalid_characters", message: "Contains control or invalid characters.",
            messageRu: "Содержит управляющие или недопустимые символы.")
    }

    /// The field at `pointer`: invalid date.
    public static func invalidDate(_ pointer: String) -> FieldIssue {
        FieldIssue(
            pointer: pointer, code: "invalid_date", message: "Must be a calendar date, YYYY-MM-DD.",
            messageRu: "Должно быть датой в формате ГГГГ-ММ-ДД.")
    }

    /// The field at `pointer`: date in future.
    public static func dateInFuture(_ pointer: String) -> FieldIssue {
        FieldIssue(pointer: pointer, code: "date_in_future", message: "Must not be in the future.", messageRu: "Не может быть в будущем.")
    }

    /// The field at `pointer`: date too old.
    public static func dateTooOld(_ pointer: String) -> FieldIssue {
        FieldIssue(
            pointer: pointer, code: "date_too_old", message: "Is implausibly far in the past.",
            messageRu: "Слишком давняя дата.")
    }

    /// The field at `pointer`: deadline in past.
    public static func deadlineInPast(_ pointer: String) -> FieldIssue {
        FieldIssue(
            pointer: pointer, code: "deadline_in_past", message: "Must not be before the referral's reference date.",
            messageRu: "Не может быть раньше даты исходящего документа.")
    }

    /// The field at `pointer`: not a minor.
    public static func notAMinor(_ pointer: String) -> FieldIssue {
        FieldIssue(
            pointer: pointer, code: "not_a_minor", message: "The person must be under 18 on the day concerned.",
            messageRu: "На указанную дату лицу должно быть меньше 18 лет.")
    }

    /// The field at `pointer`: too young.
    public static func tooYoung(_ pointer: String) -> FieldIssue {
        FieldIssue(
            pointer: pointer, code: "too_young", message: "The person must be at least 5 years old on the day concerned.",
            messageRu: "На указанную дату лицу должно быть не меньше 5 лет.")
    }

    /// The field at `pointer`: invalid phone.
    public static func invalidPhone(_ pointer: String) -> FieldIssue {
        FieldIssue(
            pointer: pointer, code: "invalid_phone",
            message: "Must be a Russian or Kazakh phone number: +7 or 8 followed by 10 digits.",
            messageRu: "Должно быть номером телефона России или Казахстана: +7 или 8 и 10 цифр.")
    }

    /// The field at `pointer`: invalid email.
    public static func invalidEmail(_ pointer: String) -> FieldIssue {
        FieldIssue(pointer: pointer, code: "invalid_email", message: "Must be an email address.", messageRu: "Должно быть адресом электронной почты.")
    }

    /// The field at `pointer`: invalid class.
    public static func invalidClass(_ pointer: String) -> FieldIssue {
        FieldIssue(
            pointer: pointer, code: "invalid_class", message: "Must be a class such as 7Б or 11 А: a grade from 1 to 11 and a letter.",
            messageRu: "Должно быть классом вида 7Б или 11 А: номер от 1 до 11 и буква.")
    }

    /// The field at `pointer`: invalid pattern.
    public static func invalidPattern(_ pointer: String, _ rule: String, _ ruleRu: String) -> FieldIssue {
        FieldIssue(pointer: pointer, code: "invalid_format", message: "Must be \(rule).", messageRu: "Должно быть: \(ruleRu).")
    }

    /// The field at `pointer`: out of range.
    public static func outOfRange(_ pointer: String, _ range: ClosedRange<Double>) -> FieldIssue {
        let bounds = "\(range.lowerBound.formatted()) – \(range.upperBound.formatted())"
        return FieldIssue(
            pointer: pointer, code: "out_of_range", message: "Must be from \(bounds).", messageRu: "Должно быть в диапазоне \(bounds).")
    }

    /// The field at `pointer`: duplicate.
    public static func duplicate(_ pointer: String) -> FieldIssue {
        FieldIssue(pointer: pointer, code: "duplicate", message: "Repeats an earlier item.", messageRu: "Повторяет предыдущий элемент.")
    }

    /// The field at `pointer`: unknown reference.
    public static func unknownReference(_ pointer: String) -> FieldIssue {
        FieldIssue(
            pointer: pointer, code: "unknown_minor", message: "Names no minor of this referral (see minors[].ref).",
            messageRu: "Не совпадает ни с одним несовершеннолетним заявки (см. minors[].ref).")
    }

    /// The field at `pointer`: organisation required.
    public static func organisationRequired(_ pointer: String) -> FieldIssue {
        FieldIssue(
            pointer: pointer, code: "required", message: "Required unless the sender is a parent or the minor.",
            messageRu: "Обязательно, если заявку направил не родитель и не сам несовершеннолетний.")
    }

    /// The field at `pointer`: invalid u r l.
    public static func invalidURL(_ pointer: String) -> FieldIssue {
        FieldIssue(
            pointer: pointer, code: "invalid_url",
            message: "Must be an absolute https URL (http only to a loopback or private address), without credentials.",
            messageRu: "Должно быть абсолютным https-адресом (http — только для локальных и частных адресов), без логина и пароля.")
    }
}

extension Double {
    fileprivate func formatted() -> String {
        self == rounded() ? String(Int(self)) : String(self)
    }
}
