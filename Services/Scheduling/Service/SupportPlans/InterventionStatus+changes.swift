import Models

extension InterventionStatus {
    /// The statuses an intervention at this one may be set to: work on it starts, ends or is
    /// dropped; done and cancelled are final, so the plan's history stays what the team reported.
    var nextStatuses: [InterventionStatus] {
        switch self {
        case .planned: [.inProgress, .done, .cancelled]
        case .inProgress: [.done, .cancelled]
        case .done, .cancelled: []
        }
    }
}
