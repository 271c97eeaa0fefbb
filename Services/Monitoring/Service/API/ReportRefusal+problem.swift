import ServiceRuntime

extension ReportRefusal {
    /// The refusal as a problem document, in English and Russian.
    var problem: APIProblem {
        switch self {
        case .notFound:
            APIProblem(status: .notFound, slug: "not-found", title: "Not found", titleRu: "Не найдено",
                detail: "No such report within your reach.", detailRu: "Такого отчёта нет среди доступных вам.")
        case .forbidden:
            APIProblem(status: .forbidden, slug: "forbidden", title: "Not allowed for your role", titleRu: "Недоступно для вашей роли",
                detail: "Your role or organisation may not do this with this report.", detailRu: "Ваша роль или организация не может сделать это с этим отчётом.")
        case .notRegistered, .unknownOrganisation:
            APIProblem(status: .forbidden, slug: "organisation-not-registered", title: "Organisation not registered for monitoring",
                titleRu: "Организация не зарегистрирована в мониторинге",
                detail: "Ask the administrator to run `accord monitoring organisations set` for your organisation.",
                detailRu: "Попросите администратора выполнить `accord monitoring organisations set` для вашей организации.")
        case .notAMunicipalService:
            conflict("not_a_municipal_service", "Only a municipal service has a municipality's report.", "Отчёт муниципалитета есть только у муниципальной службы.")
        case .emptyRegion:
            conflict("region_empty", "The region has no registered organisations.", "В регионе нет зарегистрированных организаций.")
        case .notComplete:
            conflict("report_not_complete", "The report's figures are still being computed.", "Показатели отчёта ещё рассчитываются.")
        case .wrongState(.draft):
            conflict("report_not_submitted", "Only a submitted report can be accepted.", "Принять можно только сданный отчёт.")
        case .wrongState(.submitted):
            conflict("report_not_draft", "Only a draft can be submitted; ask for the report again for a new revision.",
                "Сдать можно только черновик; запросите отчёт снова, чтобы получить новую редакцию.")
        case .wrongState(.accepted):
            conflict("report_already_accepted", "The report has been accepted; ask for it again for a new revision.",
                "Отчёт уже принят; запросите его снова, чтобы получить новую редакцию.")
        }
    }

    private func conflict(_ code: String, _ message: String, _ messageRu: String) -> APIProblem {
        APIProblem(status: .conflict, slug: code.replacingOccurrences(of: "_", with: "-"), title: "Refused by the report's state",
            titleRu: "Отклонено состоянием отчёта", detail: message, detailRu: messageRu,
            issues: [FieldIssue(pointer: "", code: code, message: message, messageRu: messageRu)])
    }

    /// The problem for `error`, if it is a refusal.
    static func problem(for error: any Error) -> APIProblem? {
        (error as? ReportRefusal)?.problem
    }
}
