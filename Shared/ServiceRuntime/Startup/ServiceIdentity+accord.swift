/// The four Accord executables. Their ports live here, in one place, so the services,
/// the tests and the compose file can agree on them.
extension ServiceIdentity {
    /// `accord-intake`: integrators push referrals in over HTTP.
    public static let intake = ServiceIdentity(name: "intake", defaultPort: 8081)

    /// `accord-scheduling`: cases, programmes, meetings and plans.
    public static let scheduling = ServiceIdentity(name: "scheduling", defaultPort: 8082)

    /// `accord-monitoring`: projections and quarterly reports.
    public static let monitoring = ServiceIdentity(name: "monitoring", defaultPort: 8083)

    /// `accord-notifications`: recipients, templates, deliveries and webhooks.
    public static let notifications = ServiceIdentity(name: "notifications", defaultPort: 8084)
}
