package io.cachet.core.registry;

import static java.util.Objects.requireNonNull;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.cachet.core.CachetException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.flywaydb.core.Flyway;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The registry's database, SQLite or PostgreSQL, opened on first use (a verifier whose database is down still
 * starts), the schema migrated with Flyway when it is not current. Reads take pooled connections; writes take one
 * connection under this object's lock on SQLite and pooled connections on PostgreSQL (see {@link #write(Work,
 * boolean)}). A {@link SQLException} drops the connection (the next use opens a new one) and surfaces as CONFIGURATION
 * "registry unavailable".
 */
final class RegistryDatabase {
    /** The newest migration under {@code db/registry} ({@code RegistrySchemaVersionTest} keeps them in step). */
    static final String SCHEMA_VERSION = "4";

    /**
     * Reading connections: verifications read the registry from many threads at once, and a database in WAL mode
     * (SQLite) or any PostgreSQL serves concurrent readers.
     */
    static final int READERS = 4;

    /**
     * Writing connections on PostgreSQL, per process: writers wait for the event log's lock in the database, so more
     * connections than the machine's cores gain nothing.
     */
    static final int WRITERS = 4;

    private final RegistryLocation location;
    private Connection connection;
    private boolean migrated;
    private volatile HikariDataSource readers;
    private volatile HikariDataSource writers;
    private final KeptStatements kept = new KeptStatements();

    RegistryDatabase(RegistryLocation location) {
        this.location = requireNonNull(location, "location is null");
    }

    RegistryLocation location() {
        return location;
    }

    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /**
     * Runs {@code work} on a reading connection of the pool, alongside other readers; it sees every transaction
     * committed before it starts.
     */
    <T> T read(Work<T> work) {
        HikariDataSource pool = readers();
        try (Connection c = pool.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    @FunctionalInterface
    interface Query<T> {
        T run(PreparedStatement statement) throws SQLException;
    }

    /**
     * Runs {@code query} on a reading connection of the pool with the statement of {@code sql} that connection keeps
     * prepared ({@link KeptStatements}): for the lookups every verification makes. A statement that fails is closed
     * and its connection evicted from the pool.
     */
    <T> T readKept(String sql, Query<T> query) {
        HikariDataSource pool = readers();
        try (Connection c = pool.getConnection()) {
            try {
                return query.run(kept.statement(c, sql));
            } catch (SQLException e) {
                kept.forget(c);
                pool.evictConnection(c);
                throw e;
            }
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    /** The number of connections with statements kept (for tests). */
    int keptConnections() {
        return kept.connections();
    }

    /** The pool of reading connections, made once the schema is current. */
    private HikariDataSource readers() {
        HikariDataSource pool = readers;
        return pool != null ? pool : openReaders();
    }

    private synchronized HikariDataSource openReaders() {
        if (readers == null) {
            requireCurrentSchema();
            readers = pool("cachet-registry-readers", READERS);
        }
        return readers;
    }

    /** PostgreSQL's pool of writing connections, made once the schema is current. */
    private HikariDataSource writers() {
        HikariDataSource pool = writers;
        return pool != null ? pool : openWriters();
    }

    private synchronized HikariDataSource openWriters() {
        if (writers == null) {
            requireCurrentSchema();
            writers = pool("cachet-registry-writers", WRITERS);
        }
        return writers;
    }

    /** Migrates when needed, before any pooled connection opens. */
    private void requireCurrentSchema() {
        try {
            connection();
        } catch (SQLException e) {
            dropConnection();
            throw unavailable(e);
        }
        if (!location.isSqlite()) {
            // PostgreSQL writes through its pool: the connection that checked the schema is not kept.
            dropConnection();
        }
    }

    private HikariDataSource pool(String name, int size) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(0);
        config.setConnectionTimeout(30_000);
        config.setInitializationFailTimeout(-1);
        if (location.isSqlite()) {
            SQLiteDataSource dataSource = new SQLiteDataSource(sqliteConfig());
            dataSource.setUrl(location.jdbcUrl());
            config.setDataSource(dataSource);
        } else {
            config.setJdbcUrl(location.jdbcUrl());
            location.user().ifPresent(config::setUsername);
            location.password().ifPresent(config::setPassword);
        }
        return new HikariDataSource(config);
    }

    <T> T write(Work<T> work) {
        return write(work, true);
    }

    /**
     * Runs {@code work} in one transaction. {@code lockEvents}: also take the event log's lock on PostgreSQL (needed
     * by writes that read then append to the log or hand out status indexes; not by the API client tables).
     *
     * <p>SQLite has one writer at a time anyway: its writes share one connection under this object's lock. PostgreSQL
     * writes take a connection of {@link #WRITERS} from a pool, and the database's table lock, not a Java monitor,
     * orders them, across threads and processes alike.
     */
    <T> T write(Work<T> work, boolean lockEvents) {
        if (location.isSqlite()) {
            return writeOnTheOneConnection(work);
        }
        try (Connection c = writers().getConnection()) {
            return inTransaction(c, work, lockEvents);
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    private synchronized <T> T writeOnTheOneConnection(Work<T> work) {
        try {
            return inTransaction(connection(), work, false);
        } catch (SQLException e) {
            dropConnection();
            throw unavailable(e);
        }
    }

    private <T> T inTransaction(Connection c, Work<T> work, boolean lockEvents) throws SQLException {
        c.setAutoCommit(false);
        try {
            if (lockEvents) {
                // One writer at a time, in every process: the event log's sequence and previous hash, and the free
                // status indexes, are read then written in this transaction.
                try (Statement lock = c.createStatement()) {
                    lock.execute("LOCK TABLE events IN SHARE ROW EXCLUSIVE MODE");
                }
            }
            T result = work.run(c);
            c.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            rollback(c);
            throw e;
        } finally {
            leaveTransaction(c);
        }
    }

    /** A connection that cannot return to auto-commit is closed (the pool or the next write opens another). */
    private static void leaveTransaction(Connection c) {
        try {
            if (!c.isClosed()) {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            try {
                c.close();
            } catch (SQLException closing) {
                // Already broken: the database discards its transaction with it.
            }
        }
    }

    synchronized void close() {
        dropConnection();
        if (readers != null) {
            readers.close();
            readers = null;
        }
        if (writers != null) {
            writers.close();
            writers = null;
        }
    }

    private Connection connection() throws SQLException {
        if (!migrated) {
            if (!schemaIsCurrent()) {
                migrate();
            }
            migrated = true;
        }
        if (connection == null || connection.isClosed()) {
            openConnection();
        }
        return connection;
    }

    private Connection openConnection() throws SQLException {
        if (location.isSqlite()) {
            connection = DriverManager.getConnection(
                    location.jdbcUrl(), sqliteConfig().toProperties());
        } else {
            Properties properties = new Properties();
            location.user().ifPresent(user -> properties.setProperty("user", user));
            location.password().ifPresent(password -> properties.setProperty("password", password));
            connection = DriverManager.getConnection(location.jdbcUrl(), properties);
        }
        return connection;
    }

    /**
     * True when Flyway's history says the newest migration is applied, read with one query: Flyway itself costs some
     * 200 ms of start-up, which a one-shot {@code cachet verify --code} does not need to pay on every run. Any doubt
     * (no database file yet, no history table, an error) runs the migration as before.
     */
    private boolean schemaIsCurrent() throws SQLException {
        if (location.isSqlite() && !Files.exists(sqliteFile())) {
            return false;
        }
        try (Statement statement = connection == null || connection.isClosed()
                        ? openConnection().createStatement()
                        : connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT version FROM registry_schema_history WHERE success"
                        + " ORDER BY installed_rank DESC LIMIT 1")) {
            return rows.next() && SCHEMA_VERSION.equals(rows.getString(1));
        } catch (SQLException e) {
            dropConnection();
            return false;
        }
    }

    private void migrate() {
        try {
            var configuration = Flyway.configure(Registry.class.getClassLoader())
                    .locations("classpath:db/registry")
                    .table("registry_schema_history");
            if (location.isSqlite()) {
                Path file = sqliteFile();
                if (file.getParent() != null) {
                    Files.createDirectories(file.getParent());
                }
                if (!Files.exists(file)) {
                    // Holder data: readable by the owner only; SQLite gives its -wal and -shm files the same mode.
                    createPrivateFile(file);
                }
                SQLiteDataSource dataSource = new SQLiteDataSource(sqliteConfig());
                dataSource.setUrl(location.jdbcUrl());
                configuration.dataSource(dataSource);
            } else {
                configuration.dataSource(
                        location.jdbcUrl(),
                        location.user().orElse(null),
                        location.password().orElse(null));
            }
            configuration.load().migrate();
        } catch (IOException | RuntimeException e) {
            if (e instanceof CachetException cachet) {
                throw cachet;
            }
            throw CachetException.configuration(
                    "the registry (" + location.describe() + ") cannot be opened: " + e.getMessage(), e);
        }
    }

    private Path sqliteFile() {
        return Path.of(location.jdbcUrl().substring("jdbc:sqlite:".length()));
    }

    private static void createPrivateFile(Path file) throws IOException {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(file);
        }
    }

    private static SQLiteConfig sqliteConfig() {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        // FULL: a committed transaction survives a power cut, not only a crash of the process.
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(60_000);
        // Writers take the lock when they begin, so a read-then-write transaction never fails half way.
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        config.enforceForeignKeys(true);
        return config;
    }

    private static void rollback(Connection c) {
        try {
            c.rollback();
        } catch (SQLException e) {
            // The transaction is abandoned with the connection; the database discards it.
        }
    }

    private void dropConnection() {
        try {
            if (connection != null) {
                connection.close();
            }
        } catch (SQLException e) {
            // Already broken: a new one is opened on next use.
        }
        connection = null;
    }

    private CachetException unavailable(SQLException e) {
        return CachetException.configuration(
                "the registry (" + location.describe() + ") is unavailable: " + e.getMessage(), e);
    }
}
