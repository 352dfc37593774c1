/// A command that has printed its finding and must end with exit status 1 (a broken audit chain, a draw that does
/// not recompute), not with a crash.
struct CommandFailed: Error {}
