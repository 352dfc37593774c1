import FluentKit
import Foundation
import Records
import SQLKit
import TestSupport
import Testing

/// A prepared query is serialized once and then bound again on every run, in the order its text needs the values.
@Suite struct PreparedSQLTests {
    // Bind 1 is written before bind 0 in the SQL: the values must still land where `bind` put them.
    static let between = PreparedSQL(binds: 2) { sql, bind in
        sql.select().column("name").from("job_leases")
            .where("until", .lessThan, bind[1]).where("until", .greaterThanOrEqual, bind[0])
            .orderBy("name")
    }
    static let rename = PreparedSQL(binds: 2) { sql, bind in
        sql.update("job_leases").set("holder", to: bind[1]).where("name", .equal, bind[0])
    }

    @Test func valuesAreBoundWhereTheBuilderPutThemOnEveryRun() async throws {
        try await TestDatabase.withFresh { db in
            let sql = db.sql()
            for (name, until) in [("a", 1.0), ("b", 2.0), ("c", 3.0), ("d", 4.0)] {
                try await sql.insert(into: "job_leases").columns("name", "holder", "until")
                    .values(SQLBind(name), SQLBind("x"), SQLBind(until)).run()
            }
            func names(_ low: Double, _ high: Double) async throws -> [String] {
                try await Self.between.all(on: sql, [low, high]).map { try $0.decode(column: "name", as: String.self) }
            }
            #expect(try await names(2, 4) == ["b", "c"])
            #expect(try await names(1, 2) == ["a"])
            #expect(try await names(4, 1).isEmpty)
            try await Self.rename.run(on: sql, ["c", "y"])
            let holder = try await sql.select().column("holder").from("job_leases").where("name", .equal, "c")
                .first(decodingColumn: "holder", as: String.self)
            #expect(holder == "y")
            let first = try await Self.between.first(on: sql, [3.0, 5.0])
            #expect(try first?.decode(column: "name", as: String.self) == "c")
        }
    }
}
