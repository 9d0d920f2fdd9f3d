/// What a field means, independent of where a given layout keeps it.
///
/// The raw value is the JSON key used wherever raw fields are listed (`ohc_b`, `prefixes`).
/// Semantic accessors on ``TLP`` ask the layout for a role and never hard-code bit positions.
public enum FieldRole: String, CaseIterable, Hashable, Sendable {
    case typeCode = "type_code"
    case tc, attr, length, ohc, ts, th, td, ep, at
    case requester, completer, tag
    case addressHigh = "address_high"
    case addressLow = "address_low"
    case firstBE = "first_be"
    case lastBE = "last_be"
    case st, ph, hv, ama, av
    case stHigh = "st_high"
    case status, bcm
    case byteCount = "byte_count"
    case lowerAddress = "lower_address"
    case lowerAddressLow = "lower_address_low"
    case msgCode = "msg_code"
    case messageSpecific = "message_specific"
    case target, register
    case vendorID = "vendor_id"
    case pasid, pv, pmr, er, nw, dsv
    case destinationSegment = "destination_segment"
    case completerSegment = "completer_segment"
    case requesterSegment = "requester_segment"
    case prSentCounter = "pr_sent_counter"
    case streamID = "stream_id"
    case subStream = "sub_stream"
    case rsv, k, t
    case entryFormat = "format"
    case entryType = "e"
    case dedicatedCredits = "dedicated_credits"
    case data
    case raw1 = "dw1"
    case raw2 = "dw2"
    case raw3 = "dw3"
    case raw4 = "dw4"
    case raw5 = "dw5"
    case raw6 = "dw6"
    /// Sub-fields read by the codec and never listed in a layout: the OHC presence bits of a
    /// flit DW0, non-flit Fmt, and the flit type group.
    case ohcAPresent = "ohc_a_present"
    case ohcBPresent = "ohc_b_present"
    case ohcCPresent = "ohc_c_present"
    case ohcESize = "ohc_e_size"
    case fmt
    case typeGroup = "type_group"

    /// The raw-word roles, in DW order, for structures whose layout is not known.
    public static let rawWords: [FieldRole] = [.raw1, .raw2, .raw3, .raw4, .raw5, .raw6]

}
