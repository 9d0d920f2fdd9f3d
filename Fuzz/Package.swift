// swift-tools-version: 6.0
import PackageDescription

// libFuzzer targets for tlpcheck, one per input surface. The library targets are the main
// package's own sources (symlinked), so a fuzz build needs no path to the main package.
// Build and run one with: bash Scripts/fuzz.sh TARGET SECONDS (see Docs/reliability.md).
let package = Package(
    name: "tlpcheck-fuzz",
    dependencies: [.package(url: "https://github.com/jpsim/Yams", from: "6.2.2")],
    targets: [
        .target(name: "PCIeTLP"),
        .systemLibrary(name: "CPcap", pkgConfig: "libpcap", providers: [.apt(["libpcap-dev"])]),
        .target(name: "TLPCapture", dependencies: ["PCIeTLP", "CPcap"]),
        .target(name: "TPHVerify", dependencies: ["PCIeTLP", "TLPCapture", "Yams"]),
        .executableTarget(name: "FuzzDecoder", dependencies: ["PCIeTLP"]),
        .executableTarget(name: "FuzzTextReaders", dependencies: ["TLPCapture"]),
        .executableTarget(name: "FuzzPcap", dependencies: ["TLPCapture"]),
        .executableTarget(name: "FuzzConfig", dependencies: ["TPHVerify"]),
    ],
    swiftLanguageModes: [.v6]
)
