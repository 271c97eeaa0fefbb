// swift-tools-version: 6.2
import PackageDescription

/// Swift settings every target shares: Swift 6 language mode (strict concurrency is implied).
let swiftSettings: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
]

/// One Accord service: a library with its code and migrations (tests and the admin CLI import it)
/// and a thin executable holding `@main` only.
func service(
    _ name: String, executable: String, dependencies: [Target.Dependency] = [], resources: [Resource] = []
) -> [Target] {
    [
        .target(
            name: "\(name)Service",
            dependencies: [
                .target(name: "ServiceRuntime"), .target(name: "Postgres"), .target(name: "PostgresMigrations"),
                .target(name: "Bus"), .target(name: "Models"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Configuration", package: "swift-configuration"),
            ] + dependencies,
            path: "Services/\(name)/Service",
            resources: [.copy("Migrations")] + resources,
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: executable,
            dependencies: [.target(name: "\(name)Service"), .target(name: "ServiceRuntime")],
            path: "Services/\(name)/App",
            swiftSettings: swiftSettings
        ),
    ]
}

/// A service's OpenAPI document (`docs/api/<name>.yaml` links to it), shipped as a resource to
/// serve at `/openapi.yaml`, and the types and server stubs generated from it at build time.
/// The generated files import modules internally; without InternalImportsByDefault the
/// resource accessor's `import Foundation` clashes with them.
func apiTarget(_ name: String) -> Target {
    .target(
        name: "\(name)API",
        dependencies: [.product(name: "OpenAPIRuntime", package: "swift-openapi-runtime")],
        path: "Services/\(name)/API",
        resources: [.copy("openapi.yaml")],
        swiftSettings: swiftSettings + [.enableUpcomingFeature("InternalImportsByDefault")],
        plugins: [.plugin(name: "OpenAPIGenerator", package: "swift-openapi-generator")]
    )
}

// Linux only: the PostgreSQL client waits on libpq's sockets with epoll and eventfd
// (Shared/Postgres/PostgresSocketPoller.swift), and the services ship as Debian images. No
// `platforms` entry, because SwiftPM has none for Linux; the poller refuses other systems at
// compile time.
let package = Package(
    name: "accord",
    products: [
        .executable(name: "accord-intake", targets: ["AccordIntake"]),
        .executable(name: "accord-scheduling", targets: ["AccordScheduling"]),
        .executable(name: "accord-monitoring", targets: ["AccordMonitoring"]),
        .executable(name: "accord-notifications", targets: ["AccordNotifications"]),
        .executable(name: "accord", targets: ["AccordAdmin"]),
        .executable(name: "accord-bench", targets: ["AccordBench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-configuration", from: "1.4.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/vapor/jwt-kit", from: "5.7.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-openapi-generator", from: "1.14.3"),
        .package(url: "https://github.com/apple/swift-openapi-runtime", from: "1.13.4"),
        .package(url: "https://github.com/hummingbird-project/swift-openapi-hummingbird", from: "2.1.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibPQ",
            path: "Shared/CLibPQ",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"])]
        ),
        // libcurl, for SMTP (STARTTLS, AUTH): notifications sends email through it.
        .systemLibrary(
            name: "CCurl",
            path: "Shared/CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        .target(
            name: "Postgres",
            dependencies: [
                "CLibPQ",
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Shared/Postgres",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "PostgresMigrations",
            dependencies: [
                "Postgres",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            path: "Shared/PostgresMigrations",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Models",
            path: "Shared/Models",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Bus",
            dependencies: [
                "Postgres", "PostgresMigrations", "Models",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Shared/Bus",
            resources: [.copy("Migrations")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "ServiceRuntime",
            dependencies: [
                "Postgres", "PostgresMigrations", "Bus",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
            ],
            path: "Shared/ServiceRuntime",
            swiftSettings: swiftSettings
        ),
        // Staff tokens (HS256) and the gate every staff API puts before its routes: scheduling's
        // and notifications' APIs take the same tokens.
        .target(
            name: "StaffAccess",
            dependencies: [
                "ServiceRuntime", "Models",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Shared/StaffAccess",
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "AccordAdmin",
            dependencies: [
                "Postgres", "PostgresMigrations", "Bus", "ServiceRuntime",
                "IntakeService", "SchedulingService", "MonitoringService", "NotificationsService", "StaffAccess",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Tools/Admin",
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "AccordBench",
            dependencies: [
                "Postgres", "PostgresMigrations", "Bus", "Models", "IntakeService", "SchedulingService", "StaffAccess", "NotificationsService",
                "MonitoringService",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Configuration", package: "swift-configuration"),
            ],
            path: "Tools/Bench",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "AccordBenchUnitTests",
            dependencies: ["AccordBench", "Postgres"],
            path: "Tests/AccordBenchUnitTests",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PostgresUnitTests",
            dependencies: ["Postgres", "TestSupport"],
            path: "Tests/PostgresUnitTests",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PostgresIntegrationTests",
            dependencies: ["Postgres", "PostgresMigrations", "TestSupport"],
            path: "Tests/PostgresIntegrationTests",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "BusUnitTests",
            dependencies: ["Bus"],
            path: "Tests/BusUnitTests",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "BusIntegrationTests",
            dependencies: [
                "Bus", "Postgres", "PostgresMigrations", "TestSupport", "Models",
                .product(name: "MetricsTestKit", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tests/BusIntegrationTests",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ModelsTests",
            dependencies: ["Models"],
            path: "Tests/ModelsTests",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ServiceRuntimeUnitTests",
            dependencies: [
                "ServiceRuntime",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            path: "Tests/ServiceRuntimeUnitTests",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ServiceRuntimeTests",
            dependencies: [
                "ServiceRuntime", "TestSupport", "IntakeService", "SchedulingService",
                "MonitoringService", "NotificationsService", "Bus", "Postgres", "PostgresMigrations",
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            path: "Tests/ServiceRuntimeTests",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "MonitoringIntegrationTests",
            dependencies: [
                "MonitoringService", "AccordBench", "TestSupport", "Bus", "Postgres", "PostgresMigrations", "Models",
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            path: "Tests/MonitoringIntegrationTests",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SchedulingUnitTests",
            dependencies: ["SchedulingService", "StaffAccess", "Models", "TestSupport", .product(name: "JWTKit", package: "jwt-kit")],
            path: "Tests/SchedulingUnitTests",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SchedulingIntegrationTests",
            dependencies: [
                "SchedulingService", "StaffAccess", "TestSupport", "Bus", "Postgres", "PostgresMigrations", "Models",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            path: "Tests/SchedulingIntegrationTests",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "IntakeUnitTests",
            dependencies: ["IntakeService", "IntakeAPI", "Models", "ServiceRuntime", "TestSupport"],
            path: "Tests/IntakeUnitTests",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "IntakeIntegrationTests",
            dependencies: [
                "IntakeService", "SchedulingService", "StaffAccess", "TestSupport", "Bus", "Postgres", "PostgresMigrations", "Models",
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            path: "Tests/IntakeIntegrationTests",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "NotificationsUnitTests",
            dependencies: ["NotificationsService", "Models", "CCurl", "TestSupport", .product(name: "Crypto", package: "swift-crypto")],
            path: "Tests/NotificationsUnitTests",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "NotificationsIntegrationTests",
            dependencies: [
                "NotificationsService", "IntakeService", "StaffAccess", "TestSupport", "Bus", "Postgres", "PostgresMigrations", "Models",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            path: "Tests/NotificationsIntegrationTests",
            resources: [.copy("Peers")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "TestSupport",
            dependencies: ["Postgres"],
            path: "Tests/TestSupport",
            swiftSettings: swiftSettings
        ),
        apiTarget("Intake"),
        apiTarget("Monitoring"),
        apiTarget("Scheduling"),
    ]
        + service(
            "Intake", executable: "AccordIntake",
            dependencies: [
                "IntakeAPI",
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
                .product(name: "OpenAPIHummingbird", package: "swift-openapi-hummingbird"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Metrics", package: "swift-metrics"),
            ]
        )
        + service(
            "Scheduling", executable: "AccordScheduling",
            dependencies: [
                "SchedulingAPI", "StaffAccess",
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
                .product(name: "OpenAPIHummingbird", package: "swift-openapi-hummingbird"),
            ]
        )
        + service(
            "Notifications", executable: "AccordNotifications",
            dependencies: [
                "CCurl", "StaffAccess",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Metrics", package: "swift-metrics"),
            ],
            resources: [.copy("Templates")]
        )
        + service(
            "Monitoring", executable: "AccordMonitoring",
            dependencies: [
                "MonitoringAPI", "StaffAccess",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
                .product(name: "OpenAPIHummingbird", package: "swift-openapi-hummingbird"),
            ]
        )
)
