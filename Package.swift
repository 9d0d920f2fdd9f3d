// swift-tools-version: 6.0
import PackageDescription

// Layers, bottom to top (nothing imports upward):
//   PCIeTLP     pure TLP model and codec, no I/O
//   CPcap       libpcap, as a system library (Debian: libpcap-dev)
//   TLPCapture  capture readers and writers
//   TPHVerify   published tuples, rules, the verifier, reports
//   tlpcheck    the command-line tool
let package = Package(
    name: "tlpcheck",
    products: [
        .executable(name: "tlpcheck", targets: ["tlpcheck"]),
        .library(name: "PCIeTLP", targets: ["PCIeTLP"]),
        .library(name: "TLPCapture", targets: ["TLPCapture"]),
        .library(name: "TPHVerify", targets: ["TPHVerify"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // YAML (and JSON) tuple and rule files.
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        .target(name: "PCIeTLP"),
        .systemLibrary(
            name: "CPcap",
            pkgConfig: "libpcap",
            providers: [.apt(["libpcap-dev"])]
        ),
        .target(name: "TLPCapture", dependencies: ["PCIeTLP", "CPcap"]),
        .target(name: "TPHVerify", dependencies: ["PCIeTLP", "TLPCapture", "Yams"]),
        .executableTarget(
            name: "tlpcheck",
            dependencies: [
                "PCIeTLP", "TLPCapture", "TPHVerify",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "PCIeTLPTests", dependencies: ["PCIeTLP"]),
        .testTarget(name: "TLPCaptureTests", dependencies: ["TLPCapture"]),
        .testTarget(name: "TPHVerifyTests", dependencies: ["TPHVerify"]),
        .testTarget(name: "TLPCheckCLITests", dependencies: ["tlpcheck", "PCIeTLP"]),
    ],
    swiftLanguageModes: [.v6]
)
