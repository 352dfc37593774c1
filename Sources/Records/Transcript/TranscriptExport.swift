import Foundation

/// A structured export of a học bạ for another system — the national học bạ số warehouse once its format is
/// published, a district's system — one adapter per format; hoso's own is ``HosoTranscriptJSON``
/// (`docs/SIGNING.md`). The archive and the handover bundle hold one export per học bạ.
public protocol TranscriptExporter: Sendable {
    /// The format's name and version, e.g. "hoso-hoc-ba/1".
    var format: String { get }
    /// The file name's ending, e.g. "json".
    var fileExtension: String { get }
    /// The export of `transcript`, naming the SHA-256 of its signed PDF when there is one.
    func export(_ transcript: Transcript, signedPDF sha256: String?) throws -> [UInt8]
}

/// hoso's own export, version 1: documented JSON with sorted keys, dates as `yyyy-MM-dd`, names in parts.
public struct HosoTranscriptJSON: TranscriptExporter {
    public init() {}

    public var format: String { "hoso-hoc-ba/1" }
    public var fileExtension: String { "json" }

    struct Document: Encodable {
        struct Name: Encodable {
            let family: String
            let middle: String
            let given: String
            let full: String
        }
        struct Pupil: Encodable {
            let name: Name
            let birthDate: String
            let sex: String
            let personalID: String
            let ethnicity: String
            let placeOfBirth: String
            let registerNumber: String
        }
        struct Subject: Encodable {
            let name: String
            let level: String
            let score: String
            let comment: String
        }
        struct Competence: Encodable {
            let kind: String
            let name: String
            let level: String
        }
        struct History: Encodable {
            let yearName: String
            let className: String
            let school: String
        }
        let format: String
        let school: String
        let authority: String
        let yearName: String
        let className: String
        let grade: Int
        let pupil: Pupil
        let history: [History]
        let subjects: [Subject]
        let competences: [Competence]
        let comment: String
        let result: String?
        let awards: [String]
        let completion: String?
        let homeroomTeacher: String?
        let signedPDFSHA256: String?
    }

    public func export(_ t: Transcript, signedPDF sha256: String?) throws -> [UInt8] {
        let name = t.pupil.name
        let document = Document(
            format: format, school: t.school.school, authority: t.school.authority, yearName: t.yearName, className: t.className,
            grade: t.grade,
            pupil: .init(
                name: .init(family: name.family, middle: name.middle, given: name.given, full: name.full), birthDate: t.pupil.birthDate.iso,
                sex: t.pupil.sex.rawValue, personalID: t.pupil.personalID, ethnicity: t.pupil.ethnicity, placeOfBirth: t.pupil.placeOfBirth,
                registerNumber: t.registerNumber),
            history: t.history.map { .init(yearName: $0.yearName, className: $0.className, school: $0.schoolName) },
            subjects: t.subjects.map { .init(name: $0.name, level: $0.level, score: $0.score, comment: $0.comment) },
            competences: t.competences.map { .init(kind: $0.kind, name: $0.name, level: $0.level) }, comment: t.comment, result: t.result,
            awards: t.awards, completion: t.completion, homeroomTeacher: t.homeroomTeacherName, signedPDFSHA256: sha256)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return [UInt8](try encoder.encode(document))
    }
}
