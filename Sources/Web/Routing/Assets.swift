/// The static files under `Public/` that pages link to, and the folders they are served from.
enum Assets {
    static let stylesheet = "/css/hoso.css"
    static let script = "/js/hoso.js"
    static let font = "/fonts/noto-sans-regular.woff2"
    /// Folders of `Public/`: requests under them need no session or school.
    static let folders = ["/css/", "/js/", "/fonts/"]
}
