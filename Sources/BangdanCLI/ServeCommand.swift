import ArgumentParser
import Bangdan

struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Build, serve on 127.0.0.1, rebuild on change and reload open pages.")

    @OptionGroup var siteOptions: SiteOptions

    @Option(help: "The port on 127.0.0.1 (0 picks a free one).")
    var port = 1313

    func run() throws {
        let server = try PreviewServer(site: siteOptions.site, port: port) { printError($0) }
        server.rebuild()
        printError("bangdan serve: http://127.0.0.1:\(server.port)/ (Ctrl-C to stop)")
        server.run()
    }
}
