/// A database row that keeps a person's name as parts (family, middle, given, whether the family name comes last)
/// beside its folded search key, and — for rows listed by name — its Vietnamese sort key.
public protocol NameColumns: AnyObject {
    var familyName: String { get set }
    var middleName: String { get set }
    var givenName: String { get set }
    var familyLast: Bool { get set }
    var searchKey: String { get set }
    /// Stores the sort key, for rows that keep one (the default keeps none).
    func storeSortKey(_ key: String)
}

extension NameColumns {
    public func storeSortKey(_ key: String) {}

    /// The name in parts; setting it keeps the search key (and the sort key, where there is one) in step.
    public var name: PersonName {
        get { PersonName(family: familyName, middle: middleName, given: givenName, familyLast: familyLast) }
        set {
            familyName = newValue.family
            middleName = newValue.middle
            givenName = newValue.given
            familyLast = newValue.familyLast
            searchKey = newValue.searchKey
            storeSortKey(newValue.sortKey)
        }
    }
}
