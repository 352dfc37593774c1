/// An RGB colour, each component from 0 to 1.
public struct Color: Sendable, Hashable {
    /// Red, 0…1.
    public var red: Double
    /// Green, 0…1.
    public var green: Double
    /// Blue, 0…1.
    public var blue: Double

    /// A colour from components between 0 and 1 (values outside are clamped when drawn).
    public init(red: Double, green: Double, blue: Double) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    /// A grey from 0 (black) to 1 (white).
    public init(gray: Double) { self.init(red: gray, green: gray, blue: gray) }

    /// Black ink.
    public static let black = Color(gray: 0)
    /// Dark grey, for secondary text that must still photocopy.
    public static let darkGray = Color(gray: 0.3)
    /// Mid grey, for hints and cut lines.
    public static let gray = Color(gray: 0.55)
    /// White.
    public static let white = Color(gray: 1)
}
