/// What the page builder gets: flowing content, or the two blocks that act on whole pages.
enum PageItem {
    case flow(any Flowable)
    case pageBreak
    case grid(GridLayout)
}

/// A grid's geometry in points and its cards laid out at the card's inner width.
struct GridLayout {
    let columns: Int
    let rows: Int
    let padding: Double
    let cutLines: Bool
    let cards: [any Flowable]
}

/// One page's body: flowables at offsets from the top of the body area, or one page of a grid.
struct Page {
    var placed: [(flow: any Flowable, y: Double)] = []
    var grid: (layout: GridLayout, cards: ArraySlice<any Flowable>)?
    var isEmpty: Bool { placed.isEmpty && grid == nil }
}

/// Distributes items over pages whose body area is `bodyHeight` points tall. Pure arithmetic on laid-out heights,
/// so it can run again cheaply when the running header's height changes.
func paginate(_ items: [PageItem], bodyHeight: Double) -> [Page] {
    var pages: [Page] = []
    var page = Page()
    var used = 0.0
    var startedByOverflow = false
    var pending = Array(items.reversed())  // a stack: split remainders are pushed back on top

    func endPage(overflow: Bool) {
        pages.append(page)
        page = Page()
        used = 0
        startedByOverflow = overflow
    }

    while let item = pending.popLast() {
        switch item {
        case .pageBreak:
            if !page.isEmpty { endPage(overflow: false) }
        case .grid(let grid):
            if !page.isEmpty { endPage(overflow: false) }
            let perPage = grid.columns * grid.rows
            var start = 0
            while start < grid.cards.count {
                page.grid = (grid, grid.cards[start..<min(start + perPage, grid.cards.count)])
                start += perPage
                endPage(overflow: false)
            }
        case .flow(let flow):
            if flow is SpaceFlow && page.isEmpty && startedByOverflow { continue }
            let available = bodyHeight - used
            if flow.height <= available + fitTolerance {
                page.placed.append((flow, used))
                used += flow.height
            } else if let split = flow.split(fitting: available, force: page.isEmpty) {
                page.placed.append((split.head, used))
                if let tail = split.tail { pending.append(.flow(tail)) }
                endPage(overflow: true)
            } else if page.isEmpty {
                page.placed.append((flow, used))  // cannot split and taller than a page: it overflows
                endPage(overflow: true)
            } else {
                pending.append(item)
                endPage(overflow: true)
            }
        }
    }
    if !page.isEmpty || pages.isEmpty { pages.append(page) }
    return pages
}
