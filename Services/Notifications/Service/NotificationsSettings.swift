import Configuration
import Foundation
import ServiceRuntime

/// `accord-notifications`' own settings, beside the shared ones; each may also be given with the
/// `NOTIFICATIONS_` prefix.
///
/// | variable | default | |
/// |---|---|---|
/// | `STAFF_TOKEN_SECRET` | — | the staff tokens' HS256 secret (the same as scheduling's); unset: the API answers 401 |
/// | `SECRETS_KEY` | — | seals webhook signing secrets at rest (AES-GCM); at least 32 characters; required |
/// | `SENDER_NAME` | `Служба примирения` | signs every message |
/// | `DEFAULT_TIME_ZONE` | `Asia/Yekaterinburg` | for recipients without one of their own |
/// | `QUIET_HOURS` | `21:00-08:00` | local time in which nothing goes out on the quiet channels; `off` for none |
/// | `QUIET_HOURS_CHANNELS` | `sms` | comma-separated: `sms`, `email` |
/// | `SMTP_URL` | — | `smtp://host:587` (STARTTLS) or `smtps://host:465`; unset: no email channel |
/// | `SMTP_TLS` | `required` | `required`, `opportunistic` or `none` (STARTTLS on `smtp://`) |
/// | `SMTP_USERNAME`, `SMTP_PASSWORD` | — | AUTH credentials |
/// | `SMTP_FROM` | — | the envelope and `From:` address; required with `SMTP_URL` |
/// | `SMTP_CA_FILE` | system store | PEM bundle to trust the server's certificate with |
/// | `SMS_GATEWAY_URL` | — | where SMS are POSTed; unset: no SMS channel |
/// | `SMS_GATEWAY_FORMAT` | `json` | `json` or `form` |
/// | `SMS_GATEWAY_TOKEN` | — | sent as `Authorization: Bearer …` |
/// | `SMS_GATEWAY_FIELDS` | `to,text,sender,id` | the body's names for the phone, the text, the sender and the idempotency key |
/// | `SMS_SENDER` | — | the sender name the gateway shows |
/// | `DELIVERY_MAX_ATTEMPTS` | 10 | then the delivery fails as `attempts_exhausted` |
/// | `DELIVERY_RETRY_BASE_MS` | 30000 | the first retry's delay, doubling up to 6 h, ±20 % |
/// | `DELIVERY_TIMEOUT_SECONDS` | 15 | one send; a claim's lease is this plus 5 s |
/// | `EMAIL_RATE_PER_SECOND`, `SMS_RATE_PER_SECOND`, `WEBHOOK_RATE_PER_SECOND` | 10, 10, 1000 | per replica |
/// | `EMAIL_CONCURRENCY`, `SMS_CONCURRENCY`, `WEBHOOK_CONCURRENCY` | 4, 8, 64 | sends in flight per replica |
/// | `WEBHOOK_SUBSCRIPTION_CONCURRENCY` | 8 | webhook sends in flight to one subscription, all replicas together |
/// | `WEBHOOK_SECRET_OVERLAP_HOURS` | 24 | how long a rotated-out secret still signs |
/// | `POLL_INTERVAL_MS` | 1000 | the longest the dispatcher sleeps without a wake-up |
public struct NotificationsSettings: Sendable {
    /// The staff tokens' secret.
    public var staffTokenSecret: String?
    /// The key webhook secrets are sealed with.
    public var secretsKey: String
    /// The service's name in messages.
    public var senderName: String
    /// The time zone of recipients without their own.
    public var defaultTimeZone: TimeZone
    /// Local hours in which quiet channels wait.
    public var quietHours: QuietHours?
    /// The channels that keep quiet hours.
    public var quietChannels: Set<Channel>
    /// The SMTP server, if email is configured.
    public var smtp: SMTPSettings?
    /// The SMS gateway, if SMS is configured.
    public var smsGateway: SMSGatewaySettings?
    /// Retries, timeouts and limits.
    public var delivery: DeliverySettings
    /// How long a rotated-out webhook secret still signs.
    public var secretOverlap: TimeInterval
    /// The largest request body the API accepts.
    public var maxBodyBytes = 65_536
    /// `Retry-After` on a 503.
    public var unavailableRetryAfterSeconds = 5

    /// Reads the settings; a value out of range is a ``ServiceOptionError`` naming its variable.
    public init(reader: ConfigReader) async throws {
        let options = ServiceOptionReader(reader, service: .notifications)
        staffTokenSecret = try await options.text("staffToken.secret")
        secretsKey = try await options.value(
            "secrets.key", "SECRETS_KEY", expected: "at least 32 characters (it seals webhook secrets)", default: "") {
            $0.utf8.count >= 32 ? $0 : nil
        }
        guard !secretsKey.isEmpty else {
            throw ServiceOptionError(variable: "SECRETS_KEY", service: .notifications, expected: "set: at least 32 characters (it seals webhook secrets)")
        }
        senderName = try await options.text("sender.name") ?? "Служба примирения"
        defaultTimeZone = try await options.value(
            "default.timeZone", "DEFAULT_TIME_ZONE", expected: "an IANA time zone such as Asia/Almaty", default: TimeZone(identifier: "Asia/Yekaterinburg")!,
            parse: TimeZone.init(identifier:))
        quietHours = try await options.value(
            "quiet.hours", "QUIET_HOURS", expected: "HH:MM-HH:MM or off", default: QuietHours(from: 21 * 60, to: 8 * 60)) {
            $0.lowercased() == "off" ? .some(nil) : QuietHours(parsing: $0).map { .some($0) }
        }
        quietChannels = try await options.value(
            "quiet.hours.channels", "QUIET_HOURS_CHANNELS", expected: "a comma-separated list of sms, email", default: [.sms]) {
            let names = $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            let channels = names.compactMap { Channel(rawValue: $0) }.filter { $0 != .webhook }
            return channels.count == names.count ? Set(channels) : nil
        }
        smtp = try await SMTPSettings(options)
        smsGateway = try await SMSGatewaySettings(options)
        delivery = try await DeliverySettings(options)
        secretOverlap = TimeInterval(try await options.integer("webhook.secretOverlapHours", "WEBHOOK_SECRET_OVERLAP_HOURS", default: 24, range: 0...720)) * 3600
    }
}

/// The SMTP server email goes through.
public struct SMTPSettings: Sendable {
    /// How `smtp://` connections use TLS.
    public enum TLS: String, Sendable, CaseIterable {
        /// STARTTLS, or no mail is sent.
        case required
        /// STARTTLS when the server offers it.
        case opportunistic
        /// Plain text (a relay on the same host only).
        case none
    }

    /// `smtp://host:port` or `smtps://host:port`.
    public var url: String
    /// STARTTLS policy on `smtp://`.
    public var tls: TLS
    /// AUTH user name.
    public var username: String?
    /// AUTH password.
    public var password: String?
    /// The sender address.
    public var from: String
    /// A PEM bundle of trusted certificates, if not the system's.
    public var caFile: String?

    init?(_ options: ServiceOptionReader) async throws {
        guard let url = try await options.value(
            "smtp.url", "SMTP_URL", expected: "smtp://host:port or smtps://host:port", default: String?.none,
            parse: { text in
                let scheme = URLComponents(string: text)?.scheme?.lowercased()
                return scheme == "smtp" || scheme == "smtps" ? text : nil
            })
        else { return nil }
        self.url = url
        tls = try await options.value("smtp.tls", "SMTP_TLS", expected: "required, opportunistic or none", default: .required) {
            TLS(rawValue: $0.lowercased())
        }
        username = try await options.text("smtp.username")
        password = try await options.text("smtp.password")
        from = try await options.value("smtp.from", "SMTP_FROM", expected: "an email address", default: "") {
            EmailAddress.isValid($0) ? $0 : nil
        }
        guard !from.isEmpty else { throw ServiceOptionError(variable: "SMTP_FROM", service: .notifications, expected: "set when SMTP_URL is") }
        caFile = try await options.text("smtp.caFile")
    }
}

/// The HTTP gateway SMS go through: a POST of JSON or a form per message.
public struct SMSGatewaySettings: Sendable {
    /// How the body is encoded.
    public enum Format: String, Sendable {
        /// `application/json`.
        case json
        /// `application/x-www-form-urlencoded`.
        case form
    }

    /// Where to POST.
    public var url: String
    /// The body's encoding.
    public var format: Format
    /// A bearer token, if the gateway wants one.
    public var token: String?
    /// The body's field names for the phone number, the text, the sender and the idempotency key.
    public var fields: (to: String, text: String, sender: String, id: String)
    /// The sender name, if any.
    public var sender: String?

    init?(_ options: ServiceOptionReader) async throws {
        guard let url = try await options.value(
            "sms.gateway.url", "SMS_GATEWAY_URL", expected: "an http or https URL", default: String?.none,
            parse: { text in
                let scheme = URLComponents(string: text)?.scheme?.lowercased()
                return scheme == "http" || scheme == "https" ? text : nil
            })
        else { return nil }
        self.url = url
        format = try await options.value("sms.gateway.format", "SMS_GATEWAY_FORMAT", expected: "json or form", default: .json) {
            Format(rawValue: $0.lowercased())
        }
        token = try await options.text("sms.gateway.token")
        fields = try await options.value(
            "sms.gateway.fields", "SMS_GATEWAY_FIELDS", expected: "four comma-separated names: phone, text, sender, id",
            default: (to: "to", text: "text", sender: "sender", id: "id")) {
            let names = $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            guard names.count == 4, names.allSatisfy({ !$0.isEmpty }), Set(names).count == 4 else { return nil }
            return (to: names[0], text: names[1], sender: names[2], id: names[3])
        }
        sender = try await options.text("sms.sender")
    }
}

/// How deliveries are retried, timed out and paced.
public struct DeliverySettings: Sendable {
    /// Attempts before a delivery fails for good.
    public var maxAttempts: Int
    /// The first retry's delay.
    public var retryBase: Duration
    /// One send's time limit.
    public var timeout: Duration
    /// Sends per second, per channel, in this replica.
    public var ratePerSecond: [Channel: Int]
    /// Sends in flight at once, per channel, in this replica.
    public var concurrency: [Channel: Int]
    /// Webhook sends in flight at once to one subscription, counting every replica's: a receiver
    /// that hangs holds this many of the channel's slots and no more, so other integrators' events
    /// still go out at once.
    public var perSubscriptionConcurrency: Int
    /// The longest the dispatcher sleeps without a wake-up.
    public var pollInterval: Duration

    /// A claim's lease: one send and the time to record it.
    public var lease: Duration { timeout + .seconds(5) }

    init(_ options: ServiceOptionReader) async throws {
        maxAttempts = try await options.integer("delivery.maxAttempts", "DELIVERY_MAX_ATTEMPTS", default: 10, range: 1...100)
        retryBase = .milliseconds(try await options.integer("delivery.retryBaseMs", "DELIVERY_RETRY_BASE_MS", default: 30_000, range: 10...3_600_000))
        timeout = .seconds(try await options.integer("delivery.timeoutSeconds", "DELIVERY_TIMEOUT_SECONDS", default: 15, range: 1...300))
        pollInterval = .milliseconds(try await options.integer("poll.intervalMs", "POLL_INTERVAL_MS", default: 1000, range: 10...60_000))
        var rates: [Channel: Int] = [:], concurrency: [Channel: Int] = [:]
        for (channel, rate, inFlight) in [(Channel.email, 10, 4), (.sms, 10, 8), (.webhook, 1000, 64)] {
            let name = channel.rawValue.uppercased()
            rates[channel] = try await options.integer("\(channel.rawValue).ratePerSecond", "\(name)_RATE_PER_SECOND", default: rate, range: 1...100_000)
            concurrency[channel] = try await options.integer("\(channel.rawValue).concurrency", "\(name)_CONCURRENCY", default: inFlight, range: 1...1000)
        }
        ratePerSecond = rates
        self.concurrency = concurrency
        perSubscriptionConcurrency = try await options.integer(
            "webhook.subscriptionConcurrency", "WEBHOOK_SUBSCRIPTION_CONCURRENCY", default: 8, range: 1...1000)
    }
}
