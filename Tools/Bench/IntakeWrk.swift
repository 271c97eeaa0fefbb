import Foundation

/// The HTTP side of `accord-bench intake`: wrk posting realistic referrals, with a Lua script
/// the benchmark writes at run time.
struct IntakeWrk {
    let executable: String
    /// Where the script and the accepted referrals' locations go.
    let directory: URL

    /// What one wrk run measured.
    struct Result {
        /// Responses received (any status).
        var requests: Int
        /// Responses with a status of 400 or more (wrk's `errors.status`).
        var non2xx: Int
        /// Connect, read and write errors and timeouts: requests without a response.
        var socketErrors: Int
        /// Wall time of the run, in seconds.
        var seconds: Double
        /// Latency percentiles over every response, in milliseconds.
        var p50: Double
        var p90: Double
        var p99: Double
        var max: Double
        /// The `Location` of every `201`: the referrals intake acknowledged as stored.
        var acceptedLocations: [String]
        /// The first non-201 response, status and the start of its body, for diagnosis.
        var firstFailure: String?

        /// Referrals acknowledged per second.
        var acceptedPerSecond: Double { Double(acceptedLocations.count) / seconds }
    }

    /// Finds wrk on PATH.
    static func locate() throws -> String {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        guard let found = path.split(separator: ":").map({ "\($0)/wrk" }).first(where: { FileManager.default.isExecutableFile(atPath: $0) })
        else { throw BenchChildFailure(description: "wrk not found; install it (apt-get install -y wrk) or pass --wrk") }
        return found
    }

    /// Posts referrals to `port` from `connections` connections on 2 threads for `seconds`.
    ///
    /// `run` tags this run's reference numbers and idempotency keys (`W` for the warm-up, `M`
    /// for the measurement), so the two can be told apart in the database.
    func run(port: Int, key: String, connections: Int, seconds: Int, run: String) async throws -> Result {
        let script = directory.appendingPathComponent("intake-\(run).lua")
        let accepted = directory.appendingPathComponent("accepted-\(run).txt")
        try Self.script(key: key, run: run, acceptedFile: accepted.path).write(to: script, atomically: true, encoding: .utf8)
        let threads = min(2, connections)
        let child = try BenchChild.start(
            executable,
            ["-t\(threads)", "-c\(connections)", "-d\(seconds)s", "--timeout", "10s", "--latency", "-s", script.path, "http://127.0.0.1:\(port)"],
            environment: ProcessInfo.processInfo.environment, output: directory.appendingPathComponent("wrk-\(run).out"))
        guard let ending = try await child.wait(timeout: .seconds(seconds + 60)) else {
            await child.stop()
            throw BenchChildFailure(description: "wrk did not finish:\n\(child.outputTail())")
        }
        let output = child.outputText()
        guard ending == .exited(0), let line = output.split(separator: "\n").first(where: { $0.hasPrefix("accord-bench-wrk ") }) else {
            throw BenchChildFailure(description: "wrk failed (\(ending)):\n\(child.outputTail())")
        }
        // `key=value` pairs; the failure sample comes last and may contain spaces.
        var figures: [String: Double] = [:]
        var firstFailure: String?
        for field in line.dropFirst("accord-bench-wrk ".count).split(separator: " ", maxSplits: 11) {
            let parts = field.split(separator: "=", maxSplits: 1)
            guard parts.count == 2 else { continue }
            if parts[0] == "first_failure" { firstFailure = String(parts[1]) } else { figures[String(parts[0])] = Double(parts[1]) }
        }
        let locations = (try String(contentsOf: accepted, encoding: .utf8)).split(separator: "\n").map(String.init)
        return Result(
            requests: Int(figures["requests"] ?? 0), non2xx: Int(figures["status_errors"] ?? 0),
            socketErrors: Int((figures["connect"] ?? 0) + (figures["read"] ?? 0) + (figures["write"] ?? 0) + (figures["timeout"] ?? 0)),
            seconds: (figures["duration_us"] ?? 1) / 1_000_000,
            p50: (figures["p50_us"] ?? .nan) / 1000, p90: (figures["p90_us"] ?? .nan) / 1000,
            p99: (figures["p99_us"] ?? .nan) / 1000, max: (figures["max_us"] ?? .nan) / 1000,
            acceptedLocations: locations, firstFailure: firstFailure)
    }

    /// The wrk script.
    ///
    /// Each request carries a reference number and an `Idempotency-Key` unique to the thread and
    /// request (a UUID-shaped key, as integrators send). `response` keeps the `Location` of each
    /// `201`, so the benchmark can check afterwards that every acknowledged referral was stored
    /// and published — not just count rows. `done` writes those and one machine-readable line.
    static func script(key: String, run: String, acceptedFile: String) -> String {
        let body = IntakeRequestBody.json
        let marker = IntakeRequestBody.numberMarker
        let range = body.range(of: marker)!
        let head = String(body[..<range.lowerBound])
        let tail = String(body[range.upperBound...])
        // Hex digit for the run, so keys of the warm-up and of the measurement never collide.
        let runDigit = run == "W" ? "a" : "b"
        return #"""
            -- Written by accord-bench intake. Posts referrals with unique reference numbers and
            -- idempotency keys; keeps the Location of each 201 for the check afterwards.
            local threads = {}
            local next_thread = 1

            function setup(thread)
                thread:set("thread_id", next_thread)
                next_thread = next_thread + 1
                table.insert(threads, thread)
            end

            local head = [==[\#(head)]==]
            local tail = [==[\#(tail)]==]
            local headers = {
                ["Authorization"] = "Bearer \#(key)",
                ["Content-Type"] = "application/json",
            }

            function init(args)
                sent = 0
                accepted = {}
                first_failure = ""
            end

            function request()
                sent = sent + 1
                headers["Idempotency-Key"] = string.format("\#(runDigit)%07d-%04d-4000-8000-%012d", thread_id, thread_id % 10000, sent)
                local number = string.format("\#(run)-%d/%d", thread_id, sent)
                return wrk.format("POST", "/v1/referrals", headers, head .. number .. tail)
            end

            function response(status, response_headers, body)
                if status == 201 then
                    accepted[#accepted + 1] = response_headers["Location"] or response_headers["location"] or "?"
                elseif first_failure == "" then
                    first_failure = status .. " " .. string.gsub(string.sub(body or "", 1, 300), "%s+", " ")
                end
            end

            function done(summary, latency, requests)
                local out = io.open("\#(acceptedFile)", "w")
                local failure = ""
                for _, thread in ipairs(threads) do
                    for _, location in ipairs(thread:get("accepted")) do
                        out:write(location, "\n")
                    end
                    local f = thread:get("first_failure")
                    if failure == "" and f ~= nil then failure = f end
                end
                out:close()
                io.write(string.format(
                    "accord-bench-wrk requests=%d duration_us=%d status_errors=%d connect=%d read=%d write=%d timeout=%d " ..
                    "p50_us=%d p90_us=%d p99_us=%d max_us=%d first_failure=%s\n",
                    summary.requests, summary.duration, summary.errors.status, summary.errors.connect, summary.errors.read,
                    summary.errors.write, summary.errors.timeout, math.floor(latency:percentile(50)),
                    math.floor(latency:percentile(90)), math.floor(latency:percentile(99)), latency.max, failure))
            end
            """#
    }
}

/// The referral the benchmark posts: a realistic КДНиЗП referral about a fight at school, about
/// 2 KB of JSON like a real one (two minors, two parents, a description of a few hundred
/// characters, an attachment). Every date lies in the past and both minors are under 18 on the
/// day, so it stays valid on any later day.
enum IntakeRequestBody {
    /// Where each request's unique reference number goes.
    static let numberMarker = "@NUMBER@"

    static let json = #"""
        {"source":{"kind":"minors_commission","organisation_name":"КДНиЗП Соликамского городского округа",\#
        "reference":{"number":"@NUMBER@","date":"2026-11-20"}},"nature":"conflict",\#
        "description":"18 ноября на большой перемене в рекреации второго этажа между учениками 7Б класса Ивановым П. и \#
        Петровым И. произошла драка. Конфликт длится с начала учебного года: Иванов высмеивал Петрова в классном чате, \#
        Петров отвечал оскорблениями. Петров получил ушиб лица, осмотрен медсестрой. Родители обоих согласны на участие \#
        в восстановительной программе.",\#
        "occurred_on":"2026-11-18","place":{"school_name":"МАОУ «СОШ № 1» г. Соликамска","class_name":"7Б"},\#
        "minors":[{"ref":"m1","name":{"last_name":"Иванов","first_name":"Пётр","middle_name":"Андреевич"},"birth_date":"2013-05-01",\#
        "role":"responsible_party","class_name":"7Б"},\#
        {"ref":"m2","name":{"last_name":"Петров","first_name":"Иван","middle_name":"Сергеевич"},"birth_date":"2013-02-11",\#
        "role":"harmed_party","class_name":"7Б"}],\#
        "legal_representatives":[{"name":{"last_name":"Иванова","first_name":"Мария","middle_name":"Петровна"},"relation":"mother",\#
        "phone":"8 (912) 345-67-89","email":"ivanova@example.ru","represents":["m1"]},\#
        {"name":{"last_name":"Петров","first_name":"Сергей"},"relation":"father",\#
        "phone":"+7 912 765-43-21","represents":["m2"]}],\#
        "requested_responses":["restorative_programme"],"sender_deadline":"2026-12-20",\#
        "attachments":[{"kind":"case_materials","title":"Копия протокола заседания КДНиЗП","pages":3}]}
        """#
}
