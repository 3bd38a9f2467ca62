import ArgumentParser
import BangdanBuild
import BangdanServe
import Foundation

struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Build, serve on 127.0.0.1, rebuild on change and reload open pages.")

    @OptionGroup var siteOptions: SiteOptions

    @Option(help: "The port on 127.0.0.1: 1 to 65535, or 0 for any free port (the address is printed).")
    var port = 1313

    func validate() throws {
        guard (0...65_535).contains(port) else {
            throw ValidationError("--port \(port): give a port from 1 to 65535, or 0 for any free port")
        }
    }

    func run() throws {
        // Every number from the environment is checked before anything is bound or built (exit 2).
        _ = try Build.buildDate()
        // The build writes into the server's own new temporary folder; the output-folder guard of Build.build
        // (the same one `bangdan build` goes through) refuses it should that folder ever be inside the site.
        let server = try PreviewServer(site: siteOptions.site, port: port) { printError($0) }
        let signals = stopOnSignal(server)
        server.rebuild()
        printError("bangdan serve: http://127.0.0.1:\(server.port)/ (Ctrl-C to stop)")
        withExtendedLifetime(signals) { server.run() }
    }

    /// Ctrl-C (or a TERM) closes the socket and removes the private output folder before exiting.
    /// The sources must stay alive while the server runs (a released source stops delivering).
    private func stopOnSignal(_ server: PreviewServer) -> [any DispatchSourceSignal] {
        [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                server.stop()
                Foundation.exit(0)
            }
            source.resume()
            return source
        }
    }
}
