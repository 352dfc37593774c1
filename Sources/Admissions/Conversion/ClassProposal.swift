/// Proposes balanced grade‑1 classes for the confirmed children: every class within its capacity, sizes as even as
/// possible, boys and girls spread evenly, and — when asked — children of the same kindergarten kept together in
/// groups so no child starts school alone. The clerk adjusts the proposal before committing it.
public enum ClassProposal {
    /// A child to place.
    public struct Child: Sendable, Hashable {
        public let id: String
        public let isGirl: Bool
        /// The kindergarten, or empty for none.
        public let kindergarten: String
        /// Sorts children the same way every time (the Vietnamese name key).
        public let sortKey: String

        public init(id: String, isGirl: Bool, kindergarten: String, sortKey: String) {
            self.id = id
            self.isGirl = isGirl
            self.kindergarten = kindergarten
            self.sortKey = sortKey
        }
    }

    /// A class to fill.
    public struct Slot: Sendable, Hashable {
        public let id: String
        public let capacity: Int

        public init(id: String, capacity: Int) {
            self.id = id
            self.capacity = capacity
        }
    }

    /// Why no proposal is possible.
    public enum Problem: Error, Sendable, Equatable {
        /// More children than places in all the classes together.
        case notEnoughPlaces(children: Int, places: Int)
        /// No class to put anyone in.
        case noClasses
    }

    /// Child ID → class ID. Deterministic for the same input.
    public static func propose(_ children: [Child], into slots: [Slot], keepKindergartensTogether: Bool = false)
        throws(Problem) -> [String: String]
    {
        guard !slots.isEmpty else { throw Problem.noClasses }
        let places = slots.reduce(0) { $0 + max(0, $1.capacity) }
        guard children.count <= places else { throw Problem.notEnoughPlaces(children: children.count, places: places) }
        var counts = Array(repeating: 0, count: slots.count)
        var girls = Array(repeating: 0, count: slots.count)
        var result: [String: String] = [:]

        /// The class with room that is smallest, then has the fewest of this child's gender, then comes first.
        func best(forGirl girl: Bool, needing room: Int = 1) -> Int? {
            let open = slots.indices.filter { counts[$0] + room <= slots[$0].capacity }
            let candidates = open.isEmpty ? slots.indices.filter { counts[$0] < slots[$0].capacity } : open
            return candidates.min { a, b in
                let left = (counts[a], girl ? girls[a] : counts[a] - girls[a], a)
                let right = (counts[b], girl ? girls[b] : counts[b] - girls[b], b)
                return left < right
            }
        }

        func place(_ child: Child, in index: Int) {
            result[child.id] = slots[index].id
            counts[index] += 1
            if child.isGirl { girls[index] += 1 }
        }

        let ordered = children.sorted { ($0.sortKey, $0.id) < ($1.sortKey, $1.id) }
        if keepKindergartensTogether {
            // Children of one kindergarten go in small groups (2–4) to the same class; the rest fill in as usual.
            let groups = Dictionary(grouping: ordered.filter { !$0.kindergarten.isEmpty }, by: \.kindergarten)
            let perClass = max(1, Int((Double(children.count) / Double(slots.count)).rounded(.up)))
            for name in groups.keys.sorted() {
                let members = groups[name]!
                let chunk = min(4, max(2, members.count / max(1, slots.count)))
                var start = 0
                while start < members.count {
                    let group = Array(members[start..<min(start + chunk, members.count)])
                    if let index = best(forGirl: group.filter(\.isGirl).count * 2 > group.count, needing: group.count),
                        counts[index] + group.count <= min(slots[index].capacity, perClass + 1)
                    {
                        for child in group { place(child, in: index) }
                    } else {
                        for child in group { if let index = best(forGirl: child.isGirl) { place(child, in: index) } }
                    }
                    start += chunk
                }
            }
            for child in ordered where child.kindergarten.isEmpty {
                if let index = best(forGirl: child.isGirl) { place(child, in: index) }
            }
        } else {
            // Girls and boys alternately, so each gender spreads evenly across the classes.
            let girlsFirst = ordered.filter(\.isGirl)
            let boys = ordered.filter { !$0.isGirl }
            for index in 0..<max(girlsFirst.count, boys.count) {
                for child in [index < girlsFirst.count ? girlsFirst[index] : nil, index < boys.count ? boys[index] : nil].compactMap({ $0 })
                {
                    if let slot = best(forGirl: child.isGirl) { place(child, in: slot) }
                }
            }
        }
        return result
    }
}
