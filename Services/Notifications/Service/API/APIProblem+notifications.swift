import ServiceRuntime

extension APIProblem {
    /// Nothing with this id that the caller may see.
    static let notFound = APIProblem(
        status: .notFound, slug: "not-found", title: "Not found", titleRu: "Не найдено",
        detail: "Nothing with this id is visible to you.", detailRu: "Объект с таким идентификатором вам недоступен.")

    /// The caller's role may not do this.
    static func forbidden(_ action: String, _ actionRu: String) -> APIProblem {
        APIProblem(
            status: .forbidden, slug: "forbidden", title: "Not allowed for your role", titleRu: "Недоступно для вашей роли",
            detail: "Your role may not \(action).", detailRu: "Ваша роль не позволяет \(actionRu).")
    }

    /// One field's value is not acceptable.
    static func invalid(_ pointer: String, _ message: String, _ messageRu: String) -> APIProblem {
        .validation([FieldIssue(pointer: pointer, code: "invalid_value", message: message, messageRu: messageRu)])
    }
}
