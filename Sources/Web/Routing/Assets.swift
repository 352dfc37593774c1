import Foundation
import Records

/// The static files under `Public/` that pages link to, and the folders they are served from. Each link carries a
/// fingerprint of the file's content (`?v=…`), so browsers keep the file for a year and fetch it again only when it
/// changes: a parent on slow 3G downloads the stylesheet, script and font once.
enum Assets {
    static let stylesheet = fingerprinted("/css/hoso.css")
    static let script = fingerprinted("/js/hoso.js")
    /// The assessment book's grids: saving as the teacher types, keeping what is typed offline, moving by keys.
    static let gridScript = fingerprinted("/js/grid.js")
    /// The text fonts every page uses, preloaded so that they arrive with the stylesheet rather than after it. The
    /// stylesheet's `@font-face` rules name exactly these links (a test holds them together).
    static let fonts = [fingerprinted("/fonts/noto-sans-regular.woff2"), fingerprinted("/fonts/noto-sans-bold.woff2")]
    static let favicon = fingerprinted("/favicon.svg")
    /// Folders and files of `Public/`: requests for them need no session or school.
    static let folders = ["/css/", "/js/", "/fonts/", "/favicon."]
    /// The query item of a fingerprinted link.
    static let versionItem = "v"

    /// `path?v=` and the first 12 hex digits of the file's SHA-256, read once from `Public/` where
    /// `ResourceLocation` found it;
    /// the bare path if the file cannot be read (it is then served, or not, as usual).
    static func fingerprinted(_ path: String) -> String {
        let file = URL(fileURLWithPath: ResourceLocation.directory).appendingPathComponent("Public" + path)
        guard let data = try? Data(contentsOf: file) else { return path }
        let digest = SecureToken.sha256Hex([UInt8](data))
        return path + "?\(versionItem)=" + digest.prefix(12)
    }
}
