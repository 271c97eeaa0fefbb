import Foundation

/// The repository the tests run from: its documents and sources, for tests that hold the code
/// to what the documents say.
public enum Repository {
    /// The repository's root, found from this file's place in it (`Tests/TestSupport/`).
    public static let root = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The text of the file at `path`, relative to the root.
    public static func text(_ path: String) throws -> String {
        try String(contentsOf: root.appending(path: path), encoding: .utf8)
    }
}

extension Repository {
    /// The paths of the Swift files under `folders` (relative to the root), searched recursively.
    public static func swiftSources(under folders: [String]) throws -> [String] {
        folders.flatMap { folder in
            let enumerator = FileManager.default.enumerator(at: root.appending(path: folder), includingPropertiesForKeys: nil)
            return (enumerator?.allObjects as? [URL] ?? []).filter { $0.pathExtension == "swift" }.map(\.path)
        }
    }
}
