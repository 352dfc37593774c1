// swift-tools-version:5.10
// The opening-day flow driver: a separate package, not part of hoso (CI does not build it).
// Build: swift build -c release --package-path bench   (bench/opening-day does it for you)
import PackageDescription

let package = Package(
    name: "hoso-bench",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.70.0")
    ],
    targets: [
        .executableTarget(
            name: "hoso-bench",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ]
        )
    ]
)
