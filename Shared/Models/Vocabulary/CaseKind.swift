/// Вид дела: which of the two procedures a case follows.
public enum CaseKind: String, Vocabulary {
    /// Восстановительное дело: a conflict or offence worked through with a restorative programme.
    case restorative
    /// Социальное сопровождение ребёнка в трудной ситуации (риск выбытия из школы, СОП).
    case accompaniment
}
