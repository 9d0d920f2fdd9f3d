import ArgumentParser

/// The output format is `-T/--format` on every command. Each command's old spelling
/// (`decode --output`, `stats --output`, `hex --output`, `verify --report`, `convert --to`,
/// `synth --to`) still works, hidden from help, so scripts keep running.
enum FormatSpelling {
    /// The format given in either spelling, or nil for neither; both spellings with different
    /// values are a usage error (exit 2), the same value twice is not.
    static func resolve<Format: RawRepresentable & Equatable>(
        _ format: Format?, old: Format?, oldName: String
    ) throws -> Format? where Format.RawValue == String {
        if let format, let old, format != old {
            throw ValidationError(
                "--format \(format.rawValue) and \(oldName) \(old.rawValue) disagree (\(oldName) is the old spelling of --format); give one"
            )
        }
        return format ?? old
    }
}
