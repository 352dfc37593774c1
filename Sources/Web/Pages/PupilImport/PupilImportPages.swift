import Foundation
import Records
import Vapor

/// The page models of `PupilImportController`: plain values that templates read.
enum PupilImportPages {
    struct UploadPage: Encodable {
        let layout: Layout
        let action: String
        let templatePath: String
        let years: [SelectOption]
        let form: FormState
    }

    struct UploadForm: Content {
        var yearID: String?
        var file: File?
    }

    /// One column of the file with the meanings it can be given.
    struct Column: Encodable {
        let position: Int
        let header: String
        let field: String
        let options: [SelectOption]
    }

    struct Line: Encodable {
        let line: Int
        let name: String
        let parts: String
        let birthDate: String
        let sex: String
        let className: String
        let number: String
        let guardians: String
        let problems: [String]
        let notes: [String]
        let flipped: Bool
        let flipField: String
    }

    /// What the progress poll answers.
    struct ProgressBody: Encodable {
        let stage: String
        let done: Int
        let total: Int
        let label: String
    }

    struct PreviewPage: Encodable {
        var layout: Layout
        let filename: String
        let yearName: String
        let headerLines: String
        let columns: [Column]
        let columnProblems: [String]
        let missingClasses: [String]
        let createMissingClasses: Bool
        let defaultClass: String
        let lines: [Line]
        let total: Int
        let badCount: Int
        let importable: Bool
        let defaultedEntryDates: Int
        let yearStart: String
        let choosePath: String
        let commitPath: String
        let progressPath: String
        let uploadPath: String
    }
}

extension PupilImportPages {
    static func preview(
        _ preview: PupilImportPreview, batch: PupilImportBatch, year: SchoolYear, layout: Layout
    ) -> PreviewPage {
        let columns = preview.headers.indices.map { position in
            let chosen = preview.columns[position]
            return Column(
                position: position,
                header: preview.headers[position].isEmpty ? "(cột \(position + 1) không có tiêu đề)" : preview.headers[position],
                field: "column-\(position)",
                options: PupilColumn.allCases.map { SelectOption(value: $0.rawValue, label: $0.label, selected: $0 == chosen) })
        }
        // Lines with problems first, so that a long file's few bad lines are not lost among good ones.
        let ordered = preview.badLines + preview.lines.filter { $0.problems.isEmpty }
        let lines = ordered.map { line in
            let p = line.pupil
            let parts = "Họ: \(p.name.family) · Đệm: \(p.name.middle.isEmpty ? "—" : p.name.middle) · Tên: \(p.name.given)"
            return Line(
                line: line.line, name: p.name.full, parts: parts, birthDate: p.birthDate?.display ?? "", sex: p.sex?.label ?? "",
                className: p.className, number: p.registerNumber,
                guardians: p.guardians.map { "\($0.relation.label): \($0.name.full)\($0.phone.isEmpty ? "" : " (\($0.phone))")" }
                    .joined(separator: "; "),
                problems: line.problems, notes: line.notes, flipped: line.flipped, flipField: "flip-\(line.line)")
        }
        return PreviewPage(
            layout: layout, filename: batch.filename, yearName: year.name,
            headerLines: preview.headerLines.map(String.init).joined(separator: " và "), columns: columns,
            columnProblems: preview.columnProblems, missingClasses: preview.missingClasses,
            createMissingClasses: batch.choices.createMissingClasses, defaultClass: batch.choices.defaultClass, lines: lines,
            total: preview.lines.count, badCount: preview.badLines.count, importable: preview.isImportable,
            defaultedEntryDates: preview.defaultedEntryDates, yearStart: year.dates.startsOn.display,
            choosePath: Site.pupilImportBatch(batch.id), commitPath: Site.pupilImportCommit(batch.id),
            progressPath: Site.pupilImportProgress(batch.id),
            uploadPath: Site.pupilImport())
    }

    /// The choices a submitted preview form makes: `column-N`, `flip-LINE`, `defaultClass`, `createMissingClasses`.
    static func choices(_ form: [String: String]) -> PupilImportChoices {
        var choices = PupilImportChoices()
        for (key, value) in form {
            if key.hasPrefix("column-"), let position = Int(key.dropFirst(7)), let column = PupilColumn(rawValue: value) {
                choices.columns[position] = column
            } else if key.hasPrefix("flip-"), let line = Int(key.dropFirst(5)), !value.isEmpty {
                choices.flippedLines.insert(line)
            }
        }
        choices.defaultClass = form["defaultClass"] ?? ""
        choices.createMissingClasses = !(form["createMissingClasses"] ?? "").isEmpty
        return choices
    }
}
