import ServiceRuntime

extension SchedulingRefusal {
    /// The refusal as a problem document: 404, 403, 409 with the rule's code in `errors[0]`, or
    /// 422 naming the field.
    var problem: APIProblem {
        let issue = FieldIssue(pointer: pointer ?? "", code: code, message: message, messageRu: messageRu)
        switch kind {
        case .notFound:
            return APIProblem(
                status: .notFound, slug: "not-found", title: "Not found", titleRu: "Не найдено", detail: message, detailRu: messageRu)
        case .forbidden:
            return APIProblem(
                status: .forbidden, slug: "forbidden", title: "Not allowed for your role", titleRu: "Недоступно для вашей роли",
                detail: message, detailRu: messageRu)
        case .conflict:
            return APIProblem(
                status: .conflict, slug: code.replacingOccurrences(of: "_", with: "-"), title: "Refused by the rules of the case",
                titleRu: "Отклонено правилами ведения дела", detail: message, detailRu: messageRu, issues: [issue])
        case .invalid:
            return .validation([issue])
        }
    }

    /// A bad field as the shared rules word it (`invalid_characters`, `invalid_phone`, …), so
    /// that scheduling refuses it as intake does.
    static func invalid(_ issue: FieldIssue) -> SchedulingRefusal {
        .invalid(issue.pointer, code: issue.code, issue.message, issue.messageRu)
    }

    /// The problem for `error`, if it is a refusal.
    static func problem(for error: any Error) -> APIProblem? {
        (error as? SchedulingRefusal)?.problem
    }
}
