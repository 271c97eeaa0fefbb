import Models

extension CaseState {
    /// The step a case takes when a head assigns its specialist, where assigning is itself a
    /// step of the procedure: a new restorative case becomes «assigned»; an accompaniment whose
    /// needs are assessed becomes «curator chosen», since choosing its curator from the team is
    /// the step that follows the assessment in seed 003's algorithm («Определение потребностей»,
    /// then «Определение куратора»). At any other step the case keeps it: the person changes,
    /// the procedure does not.
    var stepOnAssignment: CaseState? {
        switch self {
        case .restorative(.new): .restorative(.assigned)
        case .accompaniment(.needsAssessed): .accompaniment(.curatorChosen)
        default: nil
        }
    }
}
