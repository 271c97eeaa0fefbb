import Foundation
import ServiceRuntime
import Testing

@Suite("Secrets from files (NAME_FILE)")
struct SecretFileEnvironmentTests {
    @Test("NAME_FILE is read into NAME without its trailing line break; a NAME set directly wins")
    func readsFiles() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("secrets-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let password = directory.appendingPathComponent("pg"), key = directory.appendingPathComponent("key")
        try Data("s3cr3t with spaces \n".utf8).write(to: password)
        try Data("from-file".utf8).write(to: key)
        let resolved = try SecretFileEnvironment.resolved([
            "PGPASSWORD_FILE": password.path, "STAFF_TOKEN_SECRET_FILE": key.path, "STAFF_TOKEN_SECRET": "direct", "HTTP_PORT": "8080",
            "INTAKE_FINGERPRINT_KEY_FILE": key.path, "TF_CLI_CONFIG_FILE": "/nonexistent", "SSL_CERT_FILE": key.path,
        ])
        #expect(resolved["PGPASSWORD"] == "s3cr3t with spaces ")
        #expect(resolved["INTAKE_FINGERPRINT_KEY"] == "from-file")
        #expect(resolved["SSL_CERT"] == nil, "not one of Accord's secrets")
        #expect(resolved["TF_CLI_CONFIG"] == nil)
        #expect(resolved["STAFF_TOKEN_SECRET"] == "direct")
        #expect(resolved["HTTP_PORT"] == "8080")
    }

    @Test("an unreadable file is an error that names the variable, not the path's contents")
    func unreadable() {
        #expect(throws: SecretFileEnvironment.UnreadableFile.self) {
            try SecretFileEnvironment.resolved(["PGPASSWORD_FILE": "/nonexistent/\(UUID())"])
        }
    }
}
