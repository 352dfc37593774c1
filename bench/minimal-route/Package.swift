// swift-tools-version:5.10
// One minimal route (GET /healthz answering "ok") on Vapor 4 and on Hummingbird 2, measured with wrk the way
// bench/opening-day measures hoso: the frameworks' own per-request cost, for issue 15. Not part of hoso; CI does not
// build it. Run: bench/minimal-route/run
import PackageDescription

let package = Package(
    name: "minimal-route",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor.git", from: "4.122.3"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
    ],
    targets: [
        .executableTarget(name: "vapor-minimal", dependencies: [.product(name: "Vapor", package: "vapor")]),
        .executableTarget(
            name: "hummingbird-minimal", dependencies: [.product(name: "Hummingbird", package: "hummingbird")]),
    ]
)
