import ArgumentParser
import Bus
import Foundation
import Models
import Postgres
import PostgresMigrations
import SchedulingService

/// `accord-bench scheduling`: the earliest-slot search and booking, over an organisation of 200
/// specialists, 30 rooms and 5,000 meetings in the next four weeks, in a database of its own.
/// Each figure comes with a reference measured in the same run on the same tables: one indexed
/// read of a specialist's bookings (the floor of any search), and one bare insert of a booking
/// row per transaction (the floor of any booking).
struct SchedulingBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scheduling",
        abstract: "Measure earliest-slot search latency and booking throughput against an indexed read and a bare insert."
    )

    @Option(help: "Specialists in the organisation.")
    var specialists = 200
    @Option(help: "Rooms in the organisation.")
    var rooms = 30
    @Option(help: "Meetings already booked in the horizon.")
    var bookings = 5_000
    @Option(help: "Days searched ahead.")
    var horizonDays = 28
    @Option(help: "Searches measured.")
    var searches = 1_000
    @Option(help: "Seconds booking is measured.")
    var seconds = 5.0
    @Option(help: "Concurrent bookers.")
    var concurrency = 8
    @Flag(help: "Print one JSON object instead of lines.")
    var json = false

    func run() async throws {
        try await withBenchDatabase(connections: concurrency + 2) { pool in
            try await MigrationRunner(pool: pool).migrate([try BusSchema.migrations(), try SchedulingSchema.migrations()])
            let world = try await SchedulingWorld.seed(
                pool: pool, specialists: specialists, rooms: rooms, bookings: bookings, horizonDays: horizonDays)
            let search = try await measureSearch(world, pool: pool)
            let reference = try await measureReferenceRead(world, pool: pool)
            let booked = try await measureBooking(world, pool: pool)
            let inserted = try await measureReferenceInsert(world, pool: pool)
            report([
                "search_p50_ms": search.p50, "search_p99_ms": search.p99, "search_max_ms": search.max,
                "reference_read_p50_ms": reference.p50, "search_to_read_ratio": search.p50 / reference.p50,
                "book_per_s": booked.rate, "book_conflicts": Double(booked.conflicts), "reference_insert_per_s": inserted,
                "book_to_insert_ratio": booked.rate / inserted, "existing_bookings": Double(world.existingMeetings),
                "durable": try await serverDurability(pool),
            ])
        }
    }

    /// Searches for two random specialists and one case's minor, an hour with a room for three,
    /// the next `horizonDays` days.
    private func measureSearch(_ world: SchedulingWorld, pool: PostgresPool) async throws -> Percentiles {
        var generator = SystemRandomNumberGenerator()
        var samples: [Double] = []
        for _ in 0..<searches {
            let pair = world.specialists.shuffled(using: &generator).prefix(2)
            let request = SlotSearch.Request(
                specialistIDs: Array(pair), partyIDs: [world.parties.randomElement(using: &generator)!], durationMinutes: 60, roomCapacity: 3,
                from: Date(), horizonDays: horizonDays, limit: 5)
            let start = ContinuousClock.now
            let slots = try await pool.withTransaction { try await SlotSearch.find(request, by: world.head, in: $0, now: Date()) }
            samples.append((ContinuousClock.now - start).totalSeconds * 1000)
            precondition(!slots.isEmpty, "a search over four weeks found nothing: the seeded world is too full")
        }
        return Percentiles(samples)
    }

    /// The same number of single indexed reads of one specialist's bookings in the horizon.
    private func measureReferenceRead(_ world: SchedulingWorld, pool: PostgresPool) async throws -> Percentiles {
        var samples: [Double] = []
        let until = Date().addingTimeInterval(Double(horizonDays) * 86_400)
        for _ in 0..<searches {
            let specialist = world.specialists.randomElement()!.uuid
            let start = ContinuousClock.now
            _ = try await pool.query("""
                SELECT lower(during), upper(during) FROM scheduling.bookings
                WHERE resource_kind = 'specialist' AND resource_id = \(specialist) AND during && tstzrange(now(), \(until))
                """)
            samples.append((ContinuousClock.now - start).totalSeconds * 1000)
        }
        return Percentiles(samples)
    }

    /// `concurrency` bookers each book 45-minute meetings for a random specialist at a random
    /// free-looking time, through the service's own booking (checks, holds, events, notification
    /// requests), for `seconds`.
    private func measureBooking(_ world: SchedulingWorld, pool: PostgresPool) async throws -> (rate: Double, conflicts: Int) {
        let deadline = ContinuousClock.now + .seconds(seconds)
        let start = ContinuousClock.now
        let counts = try await withThrowingTaskGroup(of: (Int, Int).self) { group in
            for booker in 0..<concurrency {
                group.addTask {
                    var booked = 0, conflicts = 0, attempt = 0
                    while ContinuousClock.now < deadline {
                        attempt += 1
                        let caseIndex = (booker * 1_000_003 + attempt) % world.freshCases.count
                        let draft = world.randomDraft(minutes: 45)
                        do {
                            _ = try await pool.withTransaction {
                                try await MeetingStore.book(draft, for: world.freshCases[caseIndex], by: world.head, in: $0, now: Date())
                            }
                            booked += 1
                        } catch {
                            conflicts += 1
                        }
                    }
                    return (booked, conflicts)
                }
            }
            return try await group.reduce((0, 0)) { ($0.0 + $1.0, $0.1 + $1.1) }
        }
        return (Double(counts.0) / (ContinuousClock.now - start).totalSeconds, counts.1)
    }

    /// Bare inserts of one booking row per transaction, same concurrency and duration.
    private func measureReferenceInsert(_ world: SchedulingWorld, pool: PostgresPool) async throws -> Double {
        let meeting = world.referenceMeeting
        let deadline = ContinuousClock.now + .seconds(seconds)
        let start = ContinuousClock.now
        let inserted = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<concurrency {
                group.addTask {
                    var count = 0
                    while ContinuousClock.now < deadline {
                        let at = Date().addingTimeInterval(Double(400 * 86_400 + count * 3_600))
                        try await pool.query("""
                            INSERT INTO scheduling.bookings (meeting_id, resource_kind, resource_id, during)
                            VALUES (\(meeting), 'specialist', \(UUID()), tstzrange(\(at), \(at.addingTimeInterval(2_700)), '[)'))
                            """)
                        count += 1
                    }
                    return count
                }
            }
            return try await group.reduce(0, +)
        }
        return Double(inserted) / (ContinuousClock.now - start).totalSeconds
    }

    private func report(_ figures: [String: Double]) {
        printFigures(figures, json: json)
    }
}

/// Prints a benchmark's figures: one JSON object with `--json`, else one `name: value` line each.
func printFigures(_ figures: [String: Double], json: Bool) {
    if json {
        let data = (try? JSONSerialization.data(withJSONObject: figures, options: [.sortedKeys])) ?? Data()
        print(String(decoding: data, as: UTF8.self))
    } else {
        for (name, value) in figures.sorted(by: { $0.key < $1.key }) { print("\(name): \(String(format: "%.2f", value))") }
    }
}

/// Latency percentiles of a set of samples, in milliseconds.
struct Percentiles {
    let p50: Double, p99: Double, max: Double

    init(_ samples: [Double]) {
        let sorted = samples.sorted()
        p50 = sorted[sorted.count / 2]
        p99 = sorted[min(sorted.count - 1, sorted.count * 99 / 100)]
        max = sorted.last ?? 0
    }
}
