import Foundation

/// Where hoso finds its templates (`Resources/Views/`) and public files (`Public/`), so that an installed binary runs
/// from any folder: the folder `HOSO_RESOURCES_DIR` names; else the binary's own folder when it holds them (what
/// `scripts/install` lays out); else the working directory (a checkout running `.build/debug/hoso`).
enum ResourceLocation {
    /// The folder of this process, found once.
    static let directory: String = detect(
        environment: ProcessInfo.processInfo.environment,
        executable: Bundle.main.executableURL?.resolvingSymlinksInPath(),
        workingDirectory: FileManager.default.currentDirectoryPath)

    /// The folder holding `Resources/Views/` and `Public/`, ending in `/`.
    static func detect(environment: [String: String], executable: URL?, workingDirectory: String) -> String {
        if let configured = environment["HOSO_RESOURCES_DIR"], !configured.isEmpty {
            return finished(configured)
        }
        if let folder = executable?.deletingLastPathComponent().path, holdsResources(folder) {
            return finished(folder)
        }
        return finished(workingDirectory)
    }

    /// Whether a folder has the templates and the public files.
    static func holdsResources(_ folder: String) -> Bool {
        let files = FileManager.default
        return files.fileExists(atPath: folder + "/Resources/Views") && files.fileExists(atPath: folder + "/Public")
    }

    private static func finished(_ folder: String) -> String {
        folder.hasSuffix("/") ? folder : folder + "/"
    }
}
