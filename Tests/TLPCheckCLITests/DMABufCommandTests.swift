import Foundation
import Testing

/// `tlpcheck verify` with tuples given as region and slices of a BAR.
@Suite struct DMABufCommandTests {
    static let seed = "Fixtures/seed/seed.analyzer.txt"

    @Test func slicesVerifyTheSeedLikeItsAbsoluteRanges() throws {
        let absolute = try CLI.run(["verify", Self.seed, "--tuples", "Fixtures/seed/tuples.yaml"])
        let sliced = try CLI.run(["verify", Self.seed, "--tuples", "Fixtures/dmabuf/tuples.yaml"])
        #expect(sliced.status == 0)
        #expect(sliced.stdout == absolute.stdout)
        let sysfs = try CLI.run([
            "verify", Self.seed, "--tuples", "Fixtures/dmabuf/tuples.yaml", "--bars",
            "Fixtures/dmabuf/exporter.resource",
        ])
        #expect(sysfs.stdout == absolute.stdout)
    }

    @Test func findingsNameTheSlice() throws {
        let run = try CLI.run([
            "verify", Self.seed, "--tuples", "Fixtures/dmabuf/tuples-wrong-st.yaml", "--report", "json",
        ])
        #expect(run.status == 1)
        #expect(run.stdout.contains("\"address\":\"0x20e006000800\""))
        #expect(run.stdout.contains("\"dma_buf\":\"region 0 + 0x6000800\""))
    }

    @Test func aRefusedDMABufExitsTwoWithTheKernelsReason() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tlpcheck-dmabuf-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let tuples = directory.appendingPathComponent("t.yaml")
        try """
        bars: { 0: { start: 0x20e000000000, size: 0x10000000 } }
        tuples:
          - { name: b, flags: [st], steering_tag: 0xf0, ph: 2, region_index: 0,
              dma_ranges: [{ offset: 0x6000800, length: 0x1000 }] }
        """.write(to: tuples, atomically: true, encoding: .utf8)
        let run = try CLI.run(["verify", Self.seed, "--tuples", tuples.path])
        #expect(run.status == 2)
        #expect(run.stderr.contains("t.yaml:3: tuple 'b': dma_ranges[0]: offset 0x6000800 is not page aligned"))
        let missing = try CLI.run([
            "verify", Self.seed, "--tuples", "Fixtures/dmabuf/tuples.yaml", "--bars", directory.path + "/none",
        ])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("cannot read the file"))
    }
}
