import FluentKit
import Foundation
import Records

/// A family's question the desk has not answered yet: the last message of its thread is the family's.
public struct UnansweredQuestion: Sendable, Equatable {
    /// The child's code, which opens the case at the desk.
    public let code: RegistrationCode
    /// The child's name as listed.
    public let childName: String
    /// The family's last message.
    public let question: String
    /// When it was asked.
    public let askedAt: Date
}

extension DeskService {
    /// The questions of `campaign` waiting for an answer, oldest first (the family that has waited longest is first).
    public func unanswered(in campaign: CampaignID, by caller: Caller) async throws -> [UnansweredQuestion] {
        try caller.require(.admissionDesk)
        let codes = try await RegistrationCodeRow.query(on: database).filter(\.$campaignID == campaign.uuid).all()
        guard !codes.isEmpty else { return [] }
        let messages = try await MessageRow.query(on: database).filter(\.$code ~~ codes.compactMap(\.id)).sort(\.$at).all()
        var last: [String: MessageRow] = [:]
        for message in messages { last[message.code] = message }
        let waiting = last.values.filter { $0.sender == MessageSender.parent.rawValue }
        guard !waiting.isEmpty else { return [] }
        let childIDs = Dictionary(uniqueKeysWithValues: codes.compactMap { row in row.id.map { ($0, row.childID) } })
        let children = try await ListedChildRow.query(on: database).filter(\.$id ~~ waiting.compactMap { childIDs[$0.code] }).all()
        let names = Dictionary(uniqueKeysWithValues: children.compactMap { row in row.id.map { ($0, row.entry().name.full) } })
        return waiting.compactMap { message -> UnansweredQuestion? in
            guard let code = RegistrationCode(message.code) else { return nil }
            return UnansweredQuestion(
                code: code, childName: childIDs[message.code].flatMap { names[$0] } ?? "", question: message.body,
                askedAt: Date(timeIntervalSince1970: message.at))
        }.sorted { $0.askedAt < $1.askedAt }
    }
}
