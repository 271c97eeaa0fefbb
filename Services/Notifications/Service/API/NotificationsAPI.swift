import Foundation
import Hummingbird
import Models
import Postgres
import ServiceRuntime
import StaffAccess

/// The HTTP API (`docs/api/notifications.md`): staff read what became of their notifications and
/// keep recipients' contacts and consent; the administrator runs integrators' webhook
/// subscriptions and sends tests.
struct NotificationsAPI: Sendable {
    let pool: PostgresPool
    let recipients: RecipientStore
    let subscriptions: WebhookSubscriptionStore
    let channels: DeliveryChannels
    let maxBodyBytes: Int

    func register(on router: Router<BasicRequestContext>) {
        let v1 = router.group("v1")
        v1.get("notifications/:id") { _, context in try await notification(context) }
        v1.get("recipients/:kind/:id") { _, context in try await recipient(context) }
        v1.put("recipients/:kind/:id") { request, context in try await putRecipient(request, context) }
        v1.get("webhook-subscriptions") { request, _ in try await listSubscriptions(request) }
        v1.post("webhook-subscriptions") { request, _ in try await createSubscription(request) }
        v1.get("webhook-subscriptions/:id") { _, context in try await APIBody.response(try await subscription(context)) }
        v1.patch("webhook-subscriptions/:id") { request, context in try await updateSubscription(request, context) }
        v1.delete("webhook-subscriptions/:id") { _, context in try await removeSubscription(context) }
        v1.post("webhook-subscriptions/:id/secret") { _, context in try await rotateSecret(context) }
        v1.post("test-sends") { request, _ in try await testSend(request) }
    }

    // MARK: Staff

    private func notification(_ context: BasicRequestContext) async throws -> Response {
        let caller = try StaffRequest.required()
        let id = try uuid(context, "id")
        let organisation = caller.role == .administrator ? nil : caller.organisationID
        guard let status = try await NotificationStatus.find(id, organisation: organisation, in: pool) else { throw APIProblem.notFound }
        return try APIBody.response(status)
    }

    /// Parties and specialists belong to the caller's organisation, as does the organisation's own
    /// address (no other organisation's); integrators to the administrator.
    private func scope(_ context: BasicRequestContext, _ caller: StaffCaller) throws -> (NotificationRecipient.Kind, UUID, OrganisationID?) {
        guard let kind = context.parameters.get("kind").flatMap(NotificationRecipient.Kind.init(rawValue:)) else {
            throw APIProblem.invalid(
                "kind", "Must be party, specialist, organisation or integrator.", "Допустимо: party, specialist, organisation или integrator.")
        }
        let id = try uuid(context, "id")
        switch (kind, caller.role) {
        case (.integrator, .administrator): return (kind, id, nil)
        case (.integrator, _): throw APIProblem.forbidden("manage integrators' contacts", "управлять контактами интеграторов")
        case (_, .administrator): throw APIProblem.forbidden("reach parties' or specialists' contacts", "видеть контакты участников и специалистов")
        case (.organisation, _) where id != caller.organisationID.uuid: throw APIProblem.notFound
        default: return (kind, id, caller.organisationID)
        }
    }

    private func recipient(_ context: BasicRequestContext) async throws -> Response {
        let caller = try StaffRequest.required()
        let (kind, id, organisation) = try scope(context, caller)
        guard let found = try await recipients.find(kind, id, organisation: organisation, caller: caller) else { throw APIProblem.notFound }
        return try APIBody.response(RecipientView(found))
    }

    private func putRecipient(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let caller = try StaffRequest.required()
        let (kind, id, organisation) = try scope(context, caller)
        let input = try await APIBody.decode(
            RecipientStore.Input.self, from: request, allowed: RecipientStore.Input.members, limit: maxBodyBytes, rules: Self.recipientIssues)
        let phone = input.phone.flatMap { PhoneNumber.normalised($0.address) }
        let written = try await recipients.put(kind, id, organisation: organisation, input: input, email: input.email?.address, phone: phone, caller: caller)
        return try APIBody.response(RecipientView(written))
    }

    /// What is wrong with a recipient's contacts: an email or a phone that is not one, a time
    /// zone that is not IANA's.
    private static func recipientIssues(_ input: RecipientStore.Input) -> [FieldIssue] {
        var issues: [FieldIssue] = []
        if let email = input.email?.address, !EmailAddress.isValid(email) {
            issues.append(FieldIssue(pointer: "/email/address", code: "invalid_value", message: "Is not an email address.", messageRu: "Не адрес электронной почты."))
        }
        if let phone = input.phone?.address, PhoneNumber.normalised(phone) == nil {
            issues.append(FieldIssue(pointer: "/phone/address", code: "invalid_value", message: "Is not a phone number (+7 912 345-67-89).", messageRu: "Не номер телефона (+7 912 345-67-89)."))
        }
        if let zone = input.timeZone, TimeZone(identifier: zone) == nil {
            issues.append(FieldIssue(pointer: "/time_zone", code: "invalid_value", message: "Is not an IANA time zone (Asia/Almaty).", messageRu: "Не часовой пояс IANA (Asia/Almaty)."))
        }
        return issues
    }

    // MARK: Administrator

    private func administrator() throws -> StaffCaller {
        let caller = try StaffRequest.required()
        guard caller.role == .administrator else { throw APIProblem.forbidden("manage webhook subscriptions or send tests", "управлять подписками и отправлять проверочные сообщения") }
        return caller
    }

    private func listSubscriptions(_ request: Request) async throws -> Response {
        _ = try administrator()
        let integrator = try request.uri.queryParameters.get("integrator_id").map {
            guard let id = UUID(uuidString: String($0)) else { throw APIProblem.invalid("integrator_id", "Is not a UUID.", "Не UUID.") }
            return IntegratorID(id)
        }
        return try APIBody.response(["items": try await subscriptions.list(integrator: integrator, in: pool).map { SubscriptionView($0) }])
    }

    private struct SubscriptionInput: Decodable {
        var integratorID: UUID?
        var url: String?
        var events: [String]?
        enum CodingKeys: String, CodingKey { case integratorID = "integrator_id", url, events }

        /// What is wrong with it: when `creating`, a member missing; a URL a webhook may not use;
        /// events none of which, or not all of which, may be subscribed to.
        func issues(creating: Bool) -> [FieldIssue] {
            var issues: [FieldIssue] = []
            if creating, integratorID == nil { issues.append(.required("/integrator_id")) }
            if creating, url == nil { issues.append(.required("/url")) }
            if creating, events == nil { issues.append(.required("/events")) }
            if let url, WebhookURL.validated(url) == nil {
                issues.append(FieldIssue(pointer: "/url", code: "invalid_value", message: "Must be an https URL (http only to a private address).", messageRu: "Нужен адрес https (http — только во внутренней сети)."))
            }
            if let events, events.isEmpty || !events.allSatisfy(WebhookSubscription.subscribableEvents.contains) {
                issues.append(FieldIssue(pointer: "/events", code: "invalid_value", message: "Must name one or more of: \(WebhookSubscription.subscribableEvents.joined(separator: ", ")).", messageRu: "Допустимые события: \(WebhookSubscription.subscribableEvents.joined(separator: ", "))."))
            }
            return issues
        }

        /// The URL trimmed, and the events once each in order, of an input without ``issues(creating:)``.
        var checked: (url: String?, events: [String]?) { (url.flatMap(WebhookURL.validated), events.map { Array(Set($0)).sorted() }) }
    }

    private func createSubscription(_ request: Request) async throws -> Response {
        let caller = try administrator()
        let input = try await APIBody.decode(
            SubscriptionInput.self, from: request, allowed: ["integrator_id", "url", "events"], limit: maxBodyBytes, rules: { $0.issues(creating: true) })
        let (url, events) = input.checked
        let (created, secret) = try await subscriptions.create(
            integrator: IntegratorID(input.integratorID!), url: url!, events: events!, caller: caller, in: pool, now: Date())
        var response = try APIBody.response(SubscriptionView(created, secret: secret), status: .created)
        response.headers[.location] = "/v1/webhook-subscriptions/\(created.id.canonicalString)"
        return response
    }

    private func subscription(_ context: BasicRequestContext) async throws -> SubscriptionView {
        _ = try administrator()
        guard let found = try await subscriptions.find(try uuid(context, "id"), in: pool) else { throw APIProblem.notFound }
        return SubscriptionView(found)
    }

    private func updateSubscription(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let caller = try administrator()
        let input = try await APIBody.decode(
            SubscriptionInput.self, from: request, allowed: ["url", "events"], limit: maxBodyBytes, rules: { $0.issues(creating: false) })
        let (url, events) = input.checked
        guard let updated = try await subscriptions.update(try uuid(context, "id"), url: url, events: events, caller: caller, in: pool, now: Date())
        else { throw APIProblem.notFound }
        return try APIBody.response(SubscriptionView(updated))
    }

    private func removeSubscription(_ context: BasicRequestContext) async throws -> Response {
        let caller = try administrator()
        guard try await subscriptions.remove(try uuid(context, "id"), caller: caller, in: pool, now: Date()) else { throw APIProblem.notFound }
        return Response(status: .noContent)
    }

    private func rotateSecret(_ context: BasicRequestContext) async throws -> Response {
        let caller = try administrator()
        guard let (rotated, secret) = try await subscriptions.rotateSecret(try uuid(context, "id"), caller: caller, in: pool, now: Date())
        else { throw APIProblem.notFound }
        return try APIBody.response(SubscriptionView(rotated, secret: secret))
    }

    private struct TestSendInput: Decodable {
        var channel: Channel
        var address: String?
        var subscriptionID: UUID?
        var language: Language?
        enum CodingKeys: String, CodingKey { case channel, address, subscriptionID = "subscription_id", language }
    }

    /// Sends `test_message` now, past quiet hours and the queue, and answers with what the peer
    /// said: a check of the channel's settings.
    private func testSend(_ request: Request) async throws -> Response {
        let caller = try administrator()
        let input = try await APIBody.decode(TestSendInput.self, from: request, allowed: ["channel", "address", "subscription_id", "language"], limit: maxBodyBytes)
        let started = ContinuousClock.now
        let now = Date()
        let outcome: SendOutcome
        switch input.channel {
        case .webhook:
            guard let id = input.subscriptionID else { throw APIProblem.validation([.required("/subscription_id")]) }
            guard let sealed = try await pool.query("""
                SELECT url, sealed_secret, sealed_previous_secret, previous_secret_expires_at FROM notifications.webhook_subscriptions WHERE id = \(id) AND removed_at IS NULL
                """).single else { throw APIProblem.notFound }
            let eventID = UUID.v7(at: now)
            let body = #"{"id":"\#(eventID.canonicalString)","type":"webhook.test.v1","occurred_at":"\#(PostgresTimestamp.format(now, separator: "T", utcSuffix: "Z"))","data":{}}"#
            outcome = await channels.webhooks.send(
                eventID: eventID, type: "webhook.test.v1", body: body, to: try sealed.decode(String.self, at: 0),
                secrets: try subscriptions.signingSecrets(
                    sealed: try sealed.decode(Data.self, at: 1), previous: try sealed.decode(Data?.self, at: 2),
                    previousExpiresAt: try sealed.decode(Date?.self, at: 3), now: now),
                now: now)
        case .email, .sms:
            guard let address = input.address else { throw APIProblem.validation([.required("/address")]) }
            let contact = input.channel == .email ? (EmailAddress.isValid(address) ? address : nil) : PhoneNumber.normalised(address)
            guard let contact else { throw APIProblem.invalid("/address", "Is not a valid address for this channel.", "Недопустимый адрес для этого канала.") }
            outcome = await channels.sendTest(on: input.channel, to: contact, language: input.language ?? .ru, now: now)
        }
        try await pool.query("""
            INSERT INTO notifications.audit_log (actor, action, entity) VALUES (\(caller.actor), 'test_send', \(input.channel.rawValue))
            """)
        let latency = started.duration(to: .now)
        return try APIBody.response(TestSendResult(outcome: outcome, latency: latency))
    }

    private func uuid(_ context: BasicRequestContext, _ name: String) throws -> UUID {
        guard let id = context.parameters.get(name).flatMap(UUID.init(uuidString:)) else {
            throw APIProblem.invalid(name, "Is not a UUID.", "Не UUID.")
        }
        return id
    }
}
