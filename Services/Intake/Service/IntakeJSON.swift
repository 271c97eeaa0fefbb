import Foundation

/// The JSON decoder intake uses outside the generated server: stored submissions in.
enum IntakeJSON {
    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }()
}
