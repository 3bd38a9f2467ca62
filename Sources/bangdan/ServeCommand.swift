import ArgumentParser
import BangdanBuild
import BangdanServe
import Foundation

struct ServeCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "serve",
            abstract: CommandLanguage.pick(
                "构建并在 127.0.0.1 上预览；内容一改就重新构建并刷新打开的页面。",
                "Build, serve on 127.0.0.1, rebuild on change and reload open pages."))
    }

    @OptionGroup var siteOptions: SiteOptions

    @Option(
        help: ArgumentHelp(
            CommandLanguage.pick(
                "127.0.0.1 上的端口：1 到 65535，或 0（任选一个空闲端口，会打印出地址）。",
                "The port on 127.0.0.1: 1 to 65535, or 0 for any free port (the address is printed).")))
    var port = 1313

    func validate() throws {
        guard (0...65_535).contains(port) else {
            throw ValidationError(
                CommandLanguage.pick(
                    "--port \(port)：请给出 1 到 65535 之间的端口，或 0（任选一个空闲端口）",
                    "--port \(port): give a port from 1 to 65535, or 0 for any free port"))
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
        printError(
            CommandLanguage.pick(
                "bangdan serve：http://127.0.0.1:\(server.port)/（按 Ctrl-C 停止）",
                "bangdan serve: http://127.0.0.1:\(server.port)/ (Ctrl-C to stop)"))
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
