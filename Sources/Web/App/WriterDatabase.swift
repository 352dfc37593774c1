import FluentKit
import NIOCore
import NIOPosix
import Vapor

/// The group commit's connection (``WriteQueue``) on an event loop and a database thread of its own: every statement
/// of a batch goes to SQLite's thread and comes back to the writer's loop, where the batch's task runs too, so the
/// batch never waits behind the pages the server's loops are writing (issue 15). The readers keep the app's loops.
/// It shuts down with the application (a `LifecycleHandler`).
final class WriterDatabase: LifecycleHandler, Sendable {
    private let loops = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    private let threads = NIOThreadPool(numberOfThreads: 1)
    private let databases: Databases
    /// Where the batch's task runs: the writer's loop.
    let executor: EventLoopTaskExecutor

    /// The writer for `configuration`, registered as ``DatabaseID/writer``.
    init(_ configuration: DatabaseConfigurationFactory) {
        threads.start()
        databases = Databases(threadPool: threads, on: loops)
        databases.use(configuration, as: .writer)
        executor = EventLoopTaskExecutor(loops.next())
    }

    /// The writer's one connection.
    func database(logger: Logger) -> any Database {
        databases.database(.writer, logger: logger, on: executor.loop)!
    }

    /// Closes the connection, then the loop and the thread.
    func shutdownAsync(_ application: Application) async {
        await databases.shutdownAsync()
        try? await threads.shutdownGracefully()
        try? await loops.shutdownGracefully()
    }
}

/// A task executor on one event loop: a task that prefers it runs its steps on that loop's thread.
final class EventLoopTaskExecutor: TaskExecutor {
    let loop: any EventLoop

    init(_ loop: any EventLoop) { self.loop = loop }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        loop.execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
