import Testing
import VaporTesting
@Test func placeholderWeb() { #expect(true) }
