/// One cell written by ``XLSXWriter``; the case decides the cell's type and number format in the file.
public enum XLSXCell: Sendable, Equatable {
    /// A string cell. Leading zeros, phone numbers typed as text and line breaks are kept as given.
    case text(String)
    /// A number cell shown in the General format.
    case number(Double)
    /// A whole number shown with the format `0`, so that 12‑digit IDs do not turn into `1.23E+11` in Excel.
    case integer(Int)
    /// A date stored as a day serial with the format `dd/mm/yyyy`. Dates before 1900 or that do not exist are written
    /// as text `dd/MM/yyyy` instead, because Excel cannot store them as dates.
    case date(year: Int, month: Int, day: Int)
    /// No cell at all.
    case empty
}
