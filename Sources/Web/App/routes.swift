import Vapor

func routes(_ app: Application) throws {
    // A trivial route through the whole middleware stack: for load balancers and the benchmark's baseline.
    app.get(Site.healthz) { _ in "ok" }
    try app.register(collection: SetupController())
    try app.register(collection: LoginController())
    try app.register(collection: HomeController())
    try app.register(collection: OwnAccountController())
    try app.register(collection: SecondFactorController())
    try app.register(collection: StaffController())
    try app.register(collection: SchoolProfileController())
    try app.register(collection: YearsController())
    try app.register(collection: ClassesController())
    try app.register(collection: SubjectsController())
    try app.register(collection: TeachingController())
    try app.register(collection: AuditController())
    try app.register(collection: CampaignsController())
    try app.register(collection: ListsController())
    try app.register(collection: PortalController())
    try app.register(collection: DeskController())
    try app.register(collection: PrintoutsController())
    try app.register(collection: ReportController())
    try app.register(collection: DocumentsController())
    try app.register(collection: ReviewController())
    try app.register(collection: DrawController())
    try app.register(collection: OutboxController())
    try app.register(collection: ResultsController())
    try app.register(collection: ConversionController())
    try app.register(collection: RegisterController())
    try app.register(collection: PupilImportController())
    try app.register(collection: BackupsController())
    try app.register(collection: FamilyController())
}
