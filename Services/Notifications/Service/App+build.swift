import AsyncHTTPClient
import Configuration
import Hummingbird
import Logging
import ServiceRuntime
import StaffAccess

/// Builds `accord-notifications`: the shared service runtime, this service's schema, the queue
/// consumer that plans deliveries, the dispatcher that sends them, and the API.
///
/// `App.swift` runs it with the process environment; tests call it with in-memory configuration.
public func buildApplication(reader: ConfigReader) async throws -> some ApplicationProtocol {
    let settings = try await NotificationsSettings(reader: reader)
    let logger = Logger(label: "accord.notifications")
    let tokens = try await StaffTokens.configured(secret: settings.staffTokenSecret, logger: logger)
    let catalogue = try TemplateCatalogue.bundled()
    let box = SecretBox(keyMaterial: settings.secretsKey)
    let subscriptions = WebhookSubscriptionStore(box: box, overlap: settings.secretOverlap)
    let planner = DeliveryPlanner(quietHours: settings.quietHours, quietChannels: settings.quietChannels, defaultTimeZone: settings.defaultTimeZone)
    let peer = HTTPPeer(client: HTTPPeer.makeClient(), timeout: settings.delivery.timeout)
    let channels = DeliveryChannels(
        email: settings.smtp.map { EmailSender(settings: $0, senderName: settings.senderName, timeout: settings.delivery.timeout) },
        sms: settings.smsGateway.map { SMSGateway(settings: $0, peer: peer) }, webhooks: WebhookSender(peer: peer),
        subscriptions: subscriptions, catalogue: catalogue, senderName: settings.senderName, defaultTimeZone: settings.defaultTimeZone)
    if settings.smtp == nil { logger.warning("SMTP_URL is not set: email deliveries wait until it is") }
    if settings.smsGateway == nil { logger.warning("SMS_GATEWAY_URL is not set: SMS deliveries wait until it is") }
    return try await buildAccordService(
        .notifications, reader: reader, migrations: [try NotificationsSchema.migrations()], wiring: .notifications,
        workers: { database in
            [
                NotificationConsumer(planner: planner, subscriptions: subscriptions, logger: logger).worker(pool: database.pool),
                DeliveryDispatcher(
                    pool: database.pool, channels: channels, planner: planner,
                    log: DeliveryLog(pool: database.pool, retry: RetryPolicy(base: settings.delivery.retryBase, maxAttempts: settings.delivery.maxAttempts), logger: logger),
                    settings: settings.delivery, logger: logger),
                HTTPClientShutdown(client: peer.client),
            ]
        },
        routes: { router, database in
            router.add(middleware: ProblemMiddleware(
                retryAfter: settings.unavailableRetryAfterSeconds, maxBodyBytes: settings.maxBodyBytes))
            router.add(middleware: StaffGate(tokens: tokens, maxBodyBytes: settings.maxBodyBytes, roles: Set(StaffRole.allCases)))
            NotificationsAPI(
                pool: database.pool, recipients: RecipientStore(pool: database.pool), subscriptions: subscriptions, channels: channels,
                maxBodyBytes: settings.maxBodyBytes
            ).register(on: router)
        })
}
