import Vapor

/// Serves the files of `Public/` for the static folders only (``Assets/folders``). Vapor's `FileMiddleware` looks on
/// disk for every path and runs as a task; here a page's path never reaches it, so pages pay neither.
struct StaticFilesMiddleware: Middleware {
    let files: FileMiddleware

    init(publicDirectory: String) {
        files = FileMiddleware(publicDirectory: publicDirectory, defaultFile: nil)
    }

    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        request.isStaticAsset ? files.respond(to: request, chainingTo: next) : next.respond(to: request)
    }
}
