import Foundation
import Synchronization
import Testing

@testable import BangdanCore
@testable import BangdanWrite

/// The write stage copies attachments it was told about at load time; by then the file may have been swapped for
/// a symbolic link or a named pipe. It copies regular files only, through no link, and never waits on a pipe.
@Suite struct AttachmentCopyTests {
    /// A site folder with one regular attachment, a secret outside `content/`, and an output path not yet made.
    final class Folder {
        let root = NSTemporaryDirectory() + "bangdan-copy-" + UUID().uuidString
        var output: String { root + "/public" }
        let attachment = "content/lists/2022-test/a.pdf"

        init() throws {
            try FileManager.default.createDirectory(
                atPath: root + "/content/lists/2022-test", withIntermediateDirectories: true)
            try Data("%PDF-1.4 regular".utf8).write(to: URL(fileURLWithPath: root + "/" + attachment))
            try Data("SECRET-OUTSIDE-CONTENT".utf8).write(to: URL(fileURLWithPath: root + "/secret.txt"))
        }

        deinit { try? FileManager.default.removeItem(atPath: root) }

        func files() -> [OutputFile] {
            [OutputFile("index.html", "<p>home</p>"), OutputFile("lists/2022-test/a.pdf", copyFrom: attachment)]
        }

        /// Writes on another thread, so that a write stuck on a pipe fails this test instead of hanging the run.
        func write() -> Result<Writer.Written, Error>? {
            let done = DispatchSemaphore(value: 0)
            let outcome = Outcome()
            let (files, output, root) = (files(), output, root)
            Thread.detachNewThread {
                outcome.set(Result { try Writer.write(files, to: output, site: root) })
                done.signal()
            }
            guard done.wait(timeout: .now() + 60) == .success else { return nil }
            return outcome.get()
        }
    }

    final class Outcome: Sendable {
        private let value = Mutex<Result<Writer.Written, Error>?>(nil)
        func set(_ result: Result<Writer.Written, Error>) { value.withLock { $0 = result } }
        func get() -> Result<Writer.Written, Error>? { value.withLock { $0 } }
    }

    @Test func copiesARegularAttachment() throws {
        let folder = try Folder()
        let result = try #require(folder.write())
        _ = try result.get()
        #expect(
            FileManager.default.contents(atPath: folder.output + "/lists/2022-test/a.pdf")
                == Data("%PDF-1.4 regular".utf8))
    }

    @Test func refusesAnAttachmentSwappedForASymlink() throws {
        let folder = try Folder()
        try FileManager.default.removeItem(atPath: folder.root + "/" + folder.attachment)
        try FileManager.default.createSymbolicLink(
            atPath: folder.root + "/" + folder.attachment, withDestinationPath: folder.root + "/secret.txt")
        try expectRefused(folder)
    }

    @Test func refusesAnAttachmentWhoseFolderWasSwappedForASymlink() throws {
        let folder = try Folder()
        try FileManager.default.createDirectory(atPath: folder.root + "/elsewhere", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: folder.root + "/secret.txt", toPath: folder.root + "/elsewhere/a.pdf")
        try FileManager.default.removeItem(atPath: folder.root + "/content/lists/2022-test")
        try FileManager.default.createSymbolicLink(
            atPath: folder.root + "/content/lists/2022-test", withDestinationPath: folder.root + "/elsewhere")
        try expectRefused(folder)
    }

    @Test func refusesAnAttachmentSwappedForAPipeWithoutWaiting() throws {
        let folder = try Folder()
        try FileManager.default.removeItem(atPath: folder.root + "/" + folder.attachment)
        #expect(mkfifo(folder.root + "/" + folder.attachment, 0o644) == 0)
        try expectRefused(folder)
    }

    func expectRefused(_ folder: Folder, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let result = try #require(folder.write(), "the write hung", sourceLocation: sourceLocation)
        guard case .failure(let error) = result, case BangdanError.writeFailed(let path, let reason) = error else {
            Issue.record("expected writeFailed, got \(result)", sourceLocation: sourceLocation)
            return
        }
        #expect(path == folder.attachment, sourceLocation: sourceLocation)
        #expect(!reason.contains("SECRET"), sourceLocation: sourceLocation)
        // Nothing written: no output, no staging left beside it.
        let left = Set(try FileManager.default.contentsOfDirectory(atPath: folder.root))
        #expect(left.isSubset(of: ["content", "elsewhere", "secret.txt"]), "\(left)", sourceLocation: sourceLocation)
    }
}
