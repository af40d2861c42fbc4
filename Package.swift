// swift-tools-version:6.2
import PackageDescription

/// Settings shared by every target: Swift 6 language mode is the tools-version default.
let settings: [SwiftSetting] = [.enableUpcomingFeature("MemberImportVisibility")]

/// The simulation layers are optimised in debug builds too: the test suite runs whole
/// scenarios (results/ is reproduced byte for byte), which take about 50 times longer
/// unoptimised. Release builds are optimised anyway; `@testable import` still works.
let optimisedInDebug: [SwiftSetting] = settings + [.unsafeFlags(["-O"], .when(configuration: .debug))]

let package = Package(
  name: "PlatformSim",
  products: [
    .executable(name: "platform-sim", targets: ["platform-sim"]),
    .executable(name: "platform-sim-bench", targets: ["platform-sim-bench"]),
    .executable(name: "platform-sim-fuzz", targets: ["platform-sim-fuzz"]),
  ],
  targets: [
    // MARK: - Libraries (each depends only on the targets above it)
    .target(
      name: "SimKernel", swiftSettings: optimisedInDebug,
      linkerSettings: [.linkedLibrary("m", .when(platforms: [.linux]))]),
    .target(name: "PlatformModel", dependencies: ["SimKernel"], swiftSettings: optimisedInDebug),
    .target(name: "Scenarios", dependencies: ["PlatformModel"], swiftSettings: settings),
    .target(name: "Experiments", dependencies: ["Scenarios"], swiftSettings: settings),
    .target(name: "Reports", dependencies: ["Experiments"], swiftSettings: settings),
    .target(name: "PlatformSimCLI", dependencies: ["Reports"], swiftSettings: settings),
    .target(name: "ScenarioFuzzing", dependencies: ["PlatformSimCLI"], swiftSettings: settings),
    // MARK: - Executables
    .executableTarget(
      name: "platform-sim", dependencies: ["PlatformSimCLI"], swiftSettings: settings),
    .executableTarget(
      name: "platform-sim-fuzz", dependencies: ["ScenarioFuzzing"], swiftSettings: settings),
    .executableTarget(
      name: "platform-sim-bench", dependencies: ["Experiments"],
      path: "Benchmarks/platform-sim-bench", swiftSettings: settings),
    // MARK: - Tests (one test target per library) and their shared support
    .target(name: "SimTestSupport", path: "Tests/SimTestSupport", swiftSettings: settings),
    .testTarget(name: "SimKernelTests", dependencies: ["SimKernel"], swiftSettings: settings),
    .testTarget(
      name: "PlatformModelTests", dependencies: ["PlatformModel"], swiftSettings: settings),
    .testTarget(name: "ScenariosTests", dependencies: ["Scenarios"], swiftSettings: settings),
    .testTarget(name: "ExperimentsTests", dependencies: ["Experiments"], swiftSettings: settings),
    .testTarget(name: "ReportsTests", dependencies: ["Reports"], swiftSettings: settings),
    .testTarget(
      name: "EndToEndTests",
      dependencies: ["Reports", "PlatformSimCLI", "platform-sim", "SimTestSupport"], swiftSettings: settings),
    .testTarget(
      name: "ScenarioFuzzingTests", dependencies: ["ScenarioFuzzing", "platform-sim-fuzz", "SimTestSupport"],
      swiftSettings: settings),
    .testTarget(
      name: "BenchmarkTests", dependencies: ["platform-sim-bench"], swiftSettings: settings),
  ]
)
