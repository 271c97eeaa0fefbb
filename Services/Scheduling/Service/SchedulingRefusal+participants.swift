extension SchedulingRefusal {
    /// A meeting or a search names fewer than 1 or more than 10 specialists.
    static let specialistCount = SchedulingRefusal.invalid(
        "/specialist_ids", code: "count", "Give 1 to 10 specialists.", "Укажите от 1 до 10 специалистов.")

    /// A specialist id that is no active specialist of the caller's organisation.
    static let unknownSpecialist = SchedulingRefusal.invalid(
        "/specialist_ids", code: "unknown_specialist", "Every id must be an active specialist of your organisation.",
        "Каждый идентификатор должен принадлежать действующему специалисту вашей организации.")
}
