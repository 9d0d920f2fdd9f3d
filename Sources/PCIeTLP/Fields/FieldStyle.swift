/// How a field's value is written in the analyzer-style text (`L=8`, `Tag=F0h`, `EP-`, ...).
public enum FieldStyle: Hashable, Sendable {
    /// `TC=0`
    case decimal
    /// `Tag=F0h`: upper-case hex, no padding, `h` suffix.
    case hex
    /// `AddrH=000020E0h`: eight upper-case hex digits, `h` suffix.
    case hex32
    /// `AddrL=06000800h`: a DW-aligned address field (bits 31:2) shown as the byte address.
    case dwAddress
    /// `EP-` / `EP+`
    case flag
    /// `RID=4h:0h.0h`: a 16-bit PCI ID split into bus, device and function.
    case pciID
    /// Shown only when it is not zero (fields that analyzers leave out when clear).
    case decimalIfSet
    /// `Reg=100h`: a DW number shown as its byte offset.
    case dwOffset
    /// `Status=SC`: a completion status code by name.
    case completionStatus
    /// `Code=10h(LTR)`: a message code with its name.
    case messageCode
    /// Not rendered as `label=value`: the renderer shows it in its own way (type mnemonics).
    case hidden
}
