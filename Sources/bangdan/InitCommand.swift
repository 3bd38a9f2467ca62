import ArgumentParser
import BangdanSchema
import BangdanWrite
import Foundation

/// `bangdan init [DIR]`: a new site that checks clean and builds — settings, the three vocabularies, one example
/// list, a README for officers and the CI workflows (GitHub, GitLab) — written from `starter/`.
struct InitCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "init",
            abstract: CommandLanguage.pick(
                "新建一个站点：site.yml、词表、一个示例榜单、README 和 CI 工作流。",
                "Start a new site: site.yml, vocabularies, an example list, a README and CI workflows."))
    }

    @Argument(
        help: ArgumentHelp(
            CommandLanguage.pick(
                "新站点的文件夹（默认：当前文件夹）；其中还不能有 content/。",
                "The folder of the new site (default: the current folder); it must not hold content/ yet.")))
    var folder: String = "."

    func run() throws {
        let written = try NewSite.write(StarterSite.files, into: folder)
        let chinese = CommandLanguage.current == .zhCN
        for path in written { printError((chinese ? "写入 " : "wrote ") + path) }
        let site = folder == "." ? "" : " --site \(folder)"
        printError(
            chinese
                ? """

                新站点已建好。下一步：
                  1. 修改 content/site.yml 的 title、base_url，填上主办单位 owner（和 site_code、icp）；
                  2. 照着 content/lists/2026-example-key-tech/ 写真实榜单，然后删除示例；
                  3. bangdan check\(site)   检查全部内容；bangdan serve\(site)   在本机预览。
                """
                : """

                A new site is ready. Next:
                  1. set title, base_url and owner (and site_code, icp) in content/site.yml;
                  2. write your lists after content/lists/2026-example-key-tech/, then delete the example;
                  3. bangdan check\(site) checks everything; bangdan serve\(site) previews it here.
                """)
    }
}
