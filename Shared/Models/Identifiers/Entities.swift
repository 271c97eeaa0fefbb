/// Phantom tags for ``Identifier``: one caseless enum per entity, never instantiated.
///
/// They live in this namespace rather than at the top level because the services define their own
/// `Referral`, `Case`, … types with these names.
public enum Entities {
    /// Заявка: a referral pushed by an integrator or entered by hand.
    public enum Referral {}
    /// Интегратор: a court or police system pushing referrals into the intake API.
    public enum Integrator {}
    /// Организация: a service (ШСП, МСП, СПЦ) or an agency (суд, КДНиЗП, …).
    public enum Organisation {}
    /// Дело: one child or conflict situation followed through to closure.
    public enum Case {}
    /// Участник дела: a minor, legal representative, harmed or responsible party, supporter.
    public enum Party {}
    /// Согласие законного представителя.
    public enum Consent {}
    /// Специалист: mediator, peer mediator, social pedagogue, psychologist, curator, class teacher.
    public enum Specialist {}
    /// Восстановительная программа (ВП).
    public enum Programme {}
    /// Встреча: preliminary, main or follow-up.
    public enum Meeting {}
    /// Примирительный договор.
    public enum Agreement {}
    /// Консилиум: the case conference that opens and closes accompaniment.
    public enum CaseConference {}
    /// Индивидуальный план поддержки (ИПП).
    public enum SupportPlan {}
    /// Вмешательство: one item of a support plan, with its responsible person and dates.
    public enum Intervention {}
    /// Запись о динамике: a dated note on how a support plan is going.
    public enum ProgressNote {}
    /// Запись профиля ученика: attendance, behaviour and performance on one day.
    public enum ProfileRecord {}
    /// План работы службы.
    public enum WorkPlan {}
    /// Мероприятие плана работы.
    public enum PlanActivity {}
    /// Инструктивно-методический выход в учреждение образования.
    public enum MethodologicalVisit {}
    /// Недостаток, выявленный при выходе: one line of the analytic card, with its deadline.
    public enum VisitFinding {}
    /// Ежеквартальный мониторинг.
    public enum QuarterlyReport {}
    /// Сообщение шины: one message on the PostgreSQL-backed bus.
    public enum Message {}
    /// Уведомление: one notification asked of the notifications service.
    public enum Notification {}
    /// Доставка: one notification on one channel (email, SMS, a webhook event to one subscription).
    public enum Delivery {}
    /// Получатель уведомления: a party, specialist, integrator or organisation, by that entity's own id.
    public enum Recipient {}
    /// Подписка интегратора на события (webhook).
    public enum WebhookSubscription {}
}

/// Identifies a referral (заявка).
public typealias ReferralID = Identifier<Entities.Referral>
/// Identifies an integrator.
public typealias IntegratorID = Identifier<Entities.Integrator>
/// Identifies an organisation.
public typealias OrganisationID = Identifier<Entities.Organisation>
/// Identifies a case (дело).
public typealias CaseID = Identifier<Entities.Case>
/// Identifies a party to a case.
public typealias PartyID = Identifier<Entities.Party>
/// Identifies a consent.
public typealias ConsentID = Identifier<Entities.Consent>
/// Identifies a specialist.
public typealias SpecialistID = Identifier<Entities.Specialist>
/// Identifies a restorative programme.
public typealias ProgrammeID = Identifier<Entities.Programme>
/// Identifies a meeting.
public typealias MeetingID = Identifier<Entities.Meeting>
/// Identifies an agreement (примирительный договор).
public typealias AgreementID = Identifier<Entities.Agreement>
/// Identifies a case conference (консилиум).
public typealias CaseConferenceID = Identifier<Entities.CaseConference>
/// Identifies a support plan (ИПП).
public typealias SupportPlanID = Identifier<Entities.SupportPlan>
/// Identifies an intervention of a support plan.
public typealias InterventionID = Identifier<Entities.Intervention>
/// Identifies a progress note of a support plan.
public typealias ProgressNoteID = Identifier<Entities.ProgressNote>
/// Identifies a student profile record.
public typealias ProfileRecordID = Identifier<Entities.ProfileRecord>
/// Identifies a work plan.
public typealias WorkPlanID = Identifier<Entities.WorkPlan>
/// Identifies an activity of a work plan.
public typealias PlanActivityID = Identifier<Entities.PlanActivity>
/// Identifies a methodological visit.
public typealias MethodologicalVisitID = Identifier<Entities.MethodologicalVisit>
/// Identifies a finding of a methodological visit.
public typealias VisitFindingID = Identifier<Entities.VisitFinding>
/// Identifies a quarterly report.
public typealias QuarterlyReportID = Identifier<Entities.QuarterlyReport>
/// Identifies a bus message.
public typealias MessageID = Identifier<Entities.Message>
/// Identifies a notification.
public typealias NotificationID = Identifier<Entities.Notification>
/// Identifies a delivery of a notification or webhook event.
public typealias DeliveryID = Identifier<Entities.Delivery>
/// Identifies a notification's recipient: the party's, specialist's, integrator's or organisation's id.
public typealias RecipientID = Identifier<Entities.Recipient>
/// Identifies a webhook subscription.
public typealias WebhookSubscriptionID = Identifier<Entities.WebhookSubscription>
