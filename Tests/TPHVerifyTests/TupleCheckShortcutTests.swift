import PCIeTLP
import Testing

@testable import TPHVerify

/// `runTupleChecks` passes a TLP that carries what its tuple publishes without calling the
/// checks; it must find exactly what calling every check finds.
@Suite struct TupleCheckShortcutTests {
    @Test(arguments: [LinkMode.flit, .nonFlit])
    func shortcutFindsWhatEveryCheckFinds(_ mode: LinkMode) {
        let range = AddressRange(base: 0x3000, size: 0x1000)
        // Published as the traffic is made, and variations of it the traffic partly misses.
        let made = PublishedTuple(name: "a", flags: [.st, .stExt], steeringTag: 0x10, ph: 1, ranges: [range])
        let variants = [
            made,
            PublishedTuple(name: "b", flags: [.st], steeringTag: 0x10, ph: 1, ranges: [range]),
            PublishedTuple(name: "c", flags: [.stExt], steeringTagExt: 0x10, ph: 1, ranges: [range]),
            PublishedTuple(name: "d", flags: [.st], steeringTag: 0x10, ph: 2, ranges: [range]),
            PublishedTuple(name: "e", flags: [], ph: 1, ranges: [range]),
            PublishedTuple(
                name: "f", flags: [.st], steeringTag: 0x10, ph: 1, ranges: [range], requesters: [PCIID(0x0400)]),
            PublishedTuple(
                name: "g", flags: [.st], steeringTag: 0x10, ph: 1, ranges: [range], requesters: [PCIID(0x0500)]),
        ].map(TupleExpectation.init)
        var synth = TrafficSynthesizer(mode: mode, tuples: [made], mismatchRate: 0.3, fullPayload: false, seed: 5)
        var shortcuts = 0
        var failures = 0
        for _ in 0..<4000 {
            let bytes = synth.next().tlp.bytes
            bytes.withUnsafeBytes { raw in
                guard let view = try? TLPView(raw, mode: mode), view.info.kind.isMemoryRequest else { return }
                let tph = view.tph
                for tuple in variants {
                    let checked = runTupleChecks(view, tph: tph, tuple: tuple).map(\.check)
                    #expect(checked == runEveryTupleCheck(view, tph: tph, tuple: tuple).map(\.check))
                    if let tph, tuple.isMet(by: view, tph: tph) { shortcuts += 1 } else { failures += checked.count }
                }
            }
        }
        // Both ways are exercised.
        #expect(shortcuts > 1000)
        #expect(failures > 1000)
    }
}
