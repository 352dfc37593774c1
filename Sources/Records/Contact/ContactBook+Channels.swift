import FluentKit
import Foundation

/// The family's choice of channels beyond the web page, and the sender's view of what reached each family.
extension ContactBook {
    /// The signed-in parent's channels and the email address and phone number the school has for them; email is
    /// off while the school has no address.
    public func channels(by caller: Caller) async throws -> (channels: ContactChannels, email: String, phone: String) {
        let guardian = try await FamilyService.guardianID(of: caller, on: database)
        guard let row = try await GuardianRow.find(guardian, on: database) else { throw RecordsError.notFound }
        let choice = try await ContactPreferenceRow.query(on: database).filter(\.$guardianID == guardian).first()
        var channels = choice.map { ContactChannels(email: $0.email, sms: $0.sms, zalo: $0.zalo) } ?? ContactChannels()
        channels.email = channels.email && !row.email.isEmpty  // nothing to send to without an address
        return (channels, row.email, row.phone)
    }

    /// Records the signed-in parent's channels. Email without an address on file is refused with a message.
    public func setChannels(_ channels: ContactChannels, by caller: Caller) async throws {
        let guardian = try await FamilyService.guardianID(of: caller, on: database)
        guard let row = try await GuardianRow.find(guardian, on: database) else { throw RecordsError.notFound }
        var problems = FieldProblems()
        if channels.email && row.email.isEmpty {
            problems.add("email", "Nhà trường chưa có địa chỉ email của anh/chị; hãy báo giáo viên chủ nhiệm.")
        }
        if (channels.sms || channels.zalo) && row.phone.isEmpty { problems.add("sms", "Nhà trường chưa có số điện thoại của anh/chị.") }
        try problems.throwIfAny()
        let choice = try await ContactPreferenceRow.query(on: database).filter(\.$guardianID == guardian).first() ?? ContactPreferenceRow()
        if choice.id == nil {
            choice.id = UUID()
            choice.guardianID = guardian
        }
        (choice.email, choice.sms, choice.zalo) = (channels.email, channels.sms, channels.zalo)
        choice.updatedAt = Timestamps.storage(clock())
        try await choice.save(on: database)
    }

    /// What the outbox did with announcement `id` for each family and channel: sent, waiting, given up and why.
    /// For its sender and the principal, as ``recipients(of:by:)``.
    public func deliveries(of id: UUID, by caller: Caller) async throws -> [(family: String, message: OutboxMessage)] {
        let row = try await sentRow(id, by: caller)
        let messages = try await Outbox(database: database).messages(from: "announcement:\(row.id!)")
        let guardians = Dictionary(
            uniqueKeysWithValues: try await GuardianRow.query(on: database).filter(\.$id ~~ messages.compactMap { $0.guardian?.uuid })
                .all().map { ($0.id!, $0.name.full) })
        return messages.map { (guardians[$0.guardian?.uuid ?? UUID()] ?? "", $0) }.sorted { $0.family < $1.family }
    }
}
