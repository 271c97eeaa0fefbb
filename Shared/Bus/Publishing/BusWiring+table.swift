import Models

extension BusWiring {
    /// The contract table of `docs/bus.md`, made from `wirings`: one row per contract in the order
    /// the services declare them, with who publishes it, the queues that take it and what it is.
    /// `accord bus wiring` prints it, and a test holds the document to it.
    public static func contractTable(_ wirings: [BusWiring]) -> String {
        var order: [String] = []
        var summaries: [String: String] = [:]
        var producers: [String: [String]] = [:]
        var consumers: [String: [String]] = [:]
        func note(_ contract: any TopicContract.Type, producer: String?) {
            let type = contract.messageType
            if summaries[type] == nil {
                order.append(type)
                summaries[type] = contract.summary
            }
            if let producer { producers[type, default: []].append(producer) }
        }
        for wiring in wirings {
            for contract in wiring.publishes + wiring.publishesForOutside { note(contract, producer: wiring.service) }
            for contract in wiring.formerlyPublished { note(contract, producer: "\(wiring.service) (no longer)") }
        }
        for wiring in wirings {
            for queue in wiring.queues {
                for contract in queue.contracts {
                    note(contract, producer: nil)
                    consumers[contract.messageType, default: []].append("`\(queue.name)`")
                }
            }
        }
        let rows = order.map { type in
            let producer = producers[type]?.joined(separator: ", ") ?? "—"
            let consumer = consumers[type]?.joined(separator: ", ") ?? "—"
            return "| `\(type)` | \(producer) | \(consumer) | \(summaries[type] ?? "") |"
        }
        return (["| type | producer | consumers (queues) | what |", "|---|---|---|---|"] + rows).joined(separator: "\n") + "\n"
    }
}
