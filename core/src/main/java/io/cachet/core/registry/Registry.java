package io.cachet.core.registry;

import static java.util.Objects.requireNonNull;

import io.cachet.core.CachetException;
import io.cachet.core.crypto.Sha256;
import io.cachet.core.seal.Holder;
import io.cachet.core.types.HiddenCharacters;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.text.Normalizer;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.flywaydb.core.Flyway;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The issuer's registry of certificates: one record per certificate and an append-only, hash-chained event log, in
 * SQLite (a file in the home; WAL, {@code synchronous=FULL}) or PostgreSQL. The schema is migrated with Flyway on
 * open. Plain JDBC over one connection per instance; methods are synchronized, so one instance may serve several
 * threads, and writes from several processes are serialized by the database (SQLite's {@code BEGIN IMMEDIATE}, a
 * table lock in PostgreSQL).
 *
 * <p>Database errors surface as {@link CachetException} of kind CONFIGURATION ("registry unavailable").
 */
public final class Registry implements AutoCloseable {
    /** Status lists have at least this many entries (IETF Token Status List: herd privacy). */
    public static final int MINIMUM_STATUS_LIST_SIZE = 131_072;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String COLUMNS = "id, type, office, family_name, given_names, birth_date, foreigner_number,"
            + " issued_at, expires_at, signer_kid, seal_sha256, pdf_sha256, file, status, superseded_by, supersedes,"
            + " status_index, idempotency_key";

    private final RegistryLocation location;
    private final String office;
    private final Set<Long> indexesHandedOut = new HashSet<>();
    private Connection connection;
    private boolean migrated;

    private Registry(RegistryLocation location, String office) {
        this.location = location;
        this.office = office;
    }

    /**
     * The registry at {@code location} for the office {@code office}. Nothing is opened yet: the database is
     * reached, and created or migrated when needed, on first use, so that a verifier whose database is down still
     * starts and reports the status as unavailable.
     */
    public static Registry open(RegistryLocation location, String office) {
        requireNonNull(location, "location is null");
        requireNonNull(office, "office is null");
        return new Registry(location, office);
    }

    /** The office whose certificates this registry is asked about by verifiers. */
    public String office() {
        return office;
    }

    public RegistryLocation location() {
        return location;
    }

    /** The newest migration under {@code db/registry} ({@code RegistrySchemaVersionTest} keeps them in step). */
    static final String SCHEMA_VERSION = "3";

    /**
     * True when Flyway's history says the newest migration is applied, read with one query: Flyway itself costs some
     * 200 ms of start-up, which a one-shot {@code cachet verify --code} does not need to pay on every run. Any doubt
     * (no database file yet, no history table, an error) runs the migration as before.
     */
    private boolean schemaIsCurrent() throws SQLException {
        if (location.isSqlite() && !Files.exists(Path.of(location.jdbcUrl().substring("jdbc:sqlite:".length())))) {
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
                Path file = Path.of(location.jdbcUrl().substring("jdbc:sqlite:".length()));
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

    private static void createPrivateFile(Path file) throws IOException {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(
                    file,
                    java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                            java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
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

    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    synchronized <T> T read(Work<T> work) {
        try {
            return work.run(connection());
        } catch (SQLException e) {
            dropConnection();
            throw unavailable(e);
        }
    }

    private synchronized <T> T write(Work<T> work) {
        return write(work, true);
    }

    /**
     * Runs {@code work} in one transaction. {@code lockEvents}: also take the event log's lock on PostgreSQL (needed
     * by writes that read then append to the log or hand out status indexes; not by the API client tables).
     */
    synchronized <T> T write(Work<T> work, boolean lockEvents) {
        Connection c;
        try {
            c = connection();
            c.setAutoCommit(false);
        } catch (SQLException e) {
            dropConnection();
            throw unavailable(e);
        }
        try {
            if (lockEvents && !location.isSqlite()) {
                // One writer at a time: the event log's sequence and the status indexes are read then written.
                try (Statement lock = c.createStatement()) {
                    lock.execute("LOCK TABLE events IN SHARE ROW EXCLUSIVE MODE");
                }
            }
            T result = work.run(c);
            c.commit();
            return result;
        } catch (SQLException e) {
            rollback(c);
            dropConnection();
            throw unavailable(e);
        } catch (RuntimeException e) {
            rollback(c);
            throw e;
        } finally {
            try {
                if (!c.isClosed()) {
                    c.setAutoCommit(true);
                }
            } catch (SQLException e) {
                dropConnection();
            }
        }
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

    /** The API clients of registered administrations' systems, and their access log, in this registry. */
    public ApiClients clients() {
        return new ApiClients(this);
    }

    @Override
    public synchronized void close() {
        dropConnection();
    }

    // ---- issuance ----------------------------------------------------------------------------------------------

    /**
     * A random index in the status list that no certificate holds and no other caller in this process was handed.
     * Indexes are spread over a list of at least {@value #MINIMUM_STATUS_LIST_SIZE} entries that grows (by powers of
     * two) to stay at most a quarter full, so an index says nothing about when or in what order it was issued.
     */
    public synchronized long allocateStatusIndex() {
        long size = statusListSize();
        for (int attempt = 0; attempt < 1000; attempt++) {
            long index = (long) (RANDOM.nextDouble() * size);
            if (!indexesHandedOut.contains(index) && !statusIndexTaken(index)) {
                indexesHandedOut.add(index);
                return index;
            }
        }
        throw CachetException.internal("no free status list index found", null);
    }

    /** Gives back an index from {@link #allocateStatusIndex} that will not be used (issuance failed before reserving). */
    public synchronized void releaseStatusIndex(long index) {
        indexesHandedOut.remove(index);
    }

    /** The number of entries of the status list: a power of two, at least {@value #MINIMUM_STATUS_LIST_SIZE}. */
    public long statusListSize() {
        long used = read(c -> {
            try (Statement statement = c.createStatement();
                    ResultSet rows = statement.executeQuery(
                            "SELECT COALESCE(MAX(status_index), -1), COUNT(*) FROM certificates")) {
                rows.next();
                return Math.max(rows.getLong(1) + 1, 4 * rows.getLong(2));
            }
        });
        long size = MINIMUM_STATUS_LIST_SIZE;
        while (size < used) {
            size *= 2;
        }
        return size;
    }

    private boolean statusIndexTaken(long index) {
        return read(c -> exists(c, "SELECT 1 FROM certificates WHERE status_index = ?", index));
    }

    /** The outcome of {@link #reserve}. */
    public enum Reservation {
        /** The PENDING record is committed: write the PDF, then call {@link #markDelivered}. */
        RESERVED,
        /** Another process took the status index meanwhile: allocate another and seal again. */
        STATUS_INDEX_TAKEN
    }

    /**
     * Records a certificate as PENDING before its PDF is written, so that a crash leaves a trace that
     * {@link #repair} can complete or discard.
     *
     * @throws CachetException CONFLICT when the id or the idempotency key is already recorded, or the certificate to
     *     supersede cannot be superseded
     */
    public Reservation reserve(PendingCertificate pending) {
        requireNonNull(pending, "pending is null");
        try {
            return write(c -> {
                if (exists(
                        c,
                        "SELECT 1 FROM certificates WHERE id = ?",
                        pending.id().value())) {
                    throw CachetException.conflict("certificate id " + pending.id() + " is already recorded");
                }
                if (pending.idempotencyKey().isPresent()
                        && exists(
                                c,
                                "SELECT 1 FROM certificates WHERE idempotency_key = ?",
                                pending.idempotencyKey().get())) {
                    throw CachetException.conflict("a certificate was already issued for the key '"
                            + pending.idempotencyKey().get() + "'");
                }
                if (pending.statusIndex().isPresent()
                        && exists(
                                c,
                                "SELECT 1 FROM certificates WHERE status_index = ?",
                                pending.statusIndex().get())) {
                    return Reservation.STATUS_INDEX_TAKEN;
                }
                if (pending.supersedes().isPresent()) {
                    CertificateRecord old = find(c, pending.supersedes().get())
                            .orElseThrow(() -> unknown(pending.supersedes().get()));
                    requireChangeable(old, "reissued");
                }
                try (PreparedStatement insert = c.prepareStatement("INSERT INTO certificates (" + COLUMNS
                        + ", name_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    int i = 1;
                    insert.setString(i++, pending.id().value());
                    insert.setString(i++, pending.type());
                    insert.setString(i++, pending.office());
                    insert.setString(i++, pending.holder().familyName());
                    insert.setString(i++, pending.holder().givenNames());
                    insert.setString(i++, pending.holder().birthDate());
                    setOptional(insert, i++, pending.foreignerNumber());
                    insert.setLong(i++, pending.issuedAt().getEpochSecond());
                    setOptionalLong(insert, i++, pending.expiresAt().map(Instant::getEpochSecond));
                    insert.setString(i++, pending.signerKid());
                    insert.setString(i++, pending.sealSha256());
                    insert.setString(i++, pending.pdfSha256());
                    insert.setString(i++, pending.file().toAbsolutePath().toString());
                    insert.setString(i++, CertificateStatus.PENDING.name());
                    insert.setNull(i++, Types.VARCHAR);
                    setOptional(insert, i++, pending.supersedes().map(CertificateId::value));
                    setOptionalLong(insert, i++, pending.statusIndex());
                    setOptional(insert, i++, pending.idempotencyKey());
                    insert.setString(
                            i,
                            nameKey(pending.holder().familyName() + " "
                                    + pending.holder().givenNames()));
                    insert.executeUpdate();
                }
                return Reservation.RESERVED;
            });
        } finally {
            synchronized (this) {
                pending.statusIndex().ifPresent(indexesHandedOut::remove);
            }
        }
    }

    /**
     * Marks a PENDING certificate as delivered (VALID) once its PDF is completely written, logging ISSUED; when it
     * corrects an earlier certificate, that one becomes SUPERSEDED in the same transaction.
     */
    public CertificateRecord markDelivered(CertificateId id, String actor, Instant at) {
        return write(c -> deliver(c, id, actor, at));
    }

    private CertificateRecord deliver(Connection c, CertificateId id, String actor, Instant at) throws SQLException {
        CertificateRecord record = find(c, id).orElseThrow(() -> unknown(id));
        if (record.status() != CertificateStatus.PENDING) {
            throw CachetException.conflict("certificate " + id + " was already delivered");
        }
        update(c, "UPDATE certificates SET status = ? WHERE id = ?", CertificateStatus.VALID.name(), id.value());
        append(c, id, EventKind.ISSUED, actor, Optional.empty(), at, record.supersedes());
        if (record.supersedes().isPresent()) {
            CertificateId oldId = record.supersedes().get();
            Optional<CertificateRecord> old = find(c, oldId);
            if (old.isPresent()
                    && (old.get().status() == CertificateStatus.VALID
                            || old.get().status() == CertificateStatus.SUSPENDED)) {
                update(
                        c,
                        "UPDATE certificates SET status = ?, superseded_by = ? WHERE id = ?",
                        CertificateStatus.SUPERSEDED.name(),
                        id.value(),
                        oldId.value());
                append(c, oldId, EventKind.SUPERSEDED, actor, Optional.of("corrected by " + id), at, Optional.of(id));
            }
        }
        return find(c, id).orElseThrow();
    }

    /** Removes a PENDING record whose PDF could not be written (issuance failed before delivery). */
    public void discardPending(CertificateId id) {
        write(c -> update(
                c,
                "DELETE FROM certificates WHERE id = ? AND status = ?",
                id.value(),
                CertificateStatus.PENDING.name()));
    }

    // ---- lookups -----------------------------------------------------------------------------------------------

    public Optional<CertificateRecord> find(CertificateId id) {
        requireNonNull(id, "id is null");
        return read(c -> find(c, id));
    }

    /** The record of {@code id}, or NOT_FOUND. */
    public CertificateRecord get(CertificateId id) {
        return find(id).orElseThrow(() -> unknown(id));
    }

    public Optional<CertificateRecord> findByIdempotencyKey(String key) {
        requireNonNull(key, "key is null");
        return read(c -> {
            try (PreparedStatement query =
                    c.prepareStatement("SELECT " + COLUMNS + " FROM certificates WHERE idempotency_key = ?")) {
                query.setString(1, key);
                try (ResultSet rows = query.executeQuery()) {
                    return rows.next() ? Optional.of(record(rows)) : Optional.empty();
                }
            }
        });
    }

    /** Records of the given idempotency keys that exist, by key. */
    public Map<String, CertificateRecord> findByIdempotencyKeys(List<String> keys) {
        Map<String, CertificateRecord> found = new LinkedHashMap<>();
        for (String key : keys) {
            findByIdempotencyKey(key).ifPresent(record -> found.put(key, record));
        }
        return found;
    }

    /** Every event of {@code id}, oldest first. */
    public List<RegistryEvent> history(CertificateId id) {
        return read(c -> {
            try (PreparedStatement query = c.prepareStatement(
                    "SELECT seq, certificate_id, kind, actor, reason, at_millis, related_id, previous_hash, hash"
                            + " FROM events WHERE certificate_id = ? ORDER BY seq")) {
                query.setString(1, id.value());
                return events(query);
            }
        });
    }

    public List<CertificateRecord> search(SearchQuery query) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM certificates WHERE status <> ?");
        List<Object> parameters = new ArrayList<>();
        parameters.add(CertificateStatus.PENDING.name());
        query.name().ifPresent(name -> {
            String key = nameKey(name);
            if (key.isEmpty()) {
                throw CachetException.usage("the name '" + HiddenCharacters.reveal(name)
                        + "' has no Latin letter or digit to search for (names are matched by their letters and"
                        + " digits, ignoring case, accents and punctuation)");
            }
            // The key holds only A-Z and 0-9 today; escaped all the same, so that a '%' or '_' that ever reaches it
            // is taken literally, never as a wildcard (same ESCAPE syntax in SQLite and PostgreSQL).
            sql.append(" AND name_key LIKE ? ESCAPE '\\'");
            parameters.add("%" + escapeLike(key) + "%");
        });
        query.birthDate().ifPresent(date -> {
            sql.append(" AND birth_date = ?");
            parameters.add(date);
        });
        query.type().ifPresent(type -> {
            sql.append(" AND type = ?");
            parameters.add(type);
        });
        query.office().ifPresent(office -> {
            sql.append(" AND office = ?");
            parameters.add(office);
        });
        query.issuedFrom().ifPresent(from -> {
            sql.append(" AND issued_at >= ?");
            parameters.add(from.getEpochSecond());
        });
        query.issuedBefore().ifPresent(before -> {
            sql.append(" AND issued_at < ?");
            parameters.add(before.getEpochSecond());
        });
        sql.append(" ORDER BY issued_at DESC, id LIMIT ").append(query.limit());
        return read(c -> {
            try (PreparedStatement statement = c.prepareStatement(sql.toString())) {
                for (int i = 0; i < parameters.size(); i++) {
                    statement.setObject(i + 1, parameters.get(i));
                }
                List<CertificateRecord> found = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        found.add(record(rows));
                    }
                }
                return found;
            }
        });
    }

    /** Records whose issuance was interrupted (PENDING), oldest first. */
    public List<CertificateRecord> pending() {
        return read(c -> {
            try (PreparedStatement query = c.prepareStatement(
                    "SELECT " + COLUMNS + " FROM certificates WHERE status = ? ORDER BY issued_at, id")) {
                query.setString(1, CertificateStatus.PENDING.name());
                List<CertificateRecord> found = new ArrayList<>();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        found.add(record(rows));
                    }
                }
                return found;
            }
        });
    }

    /** Status list entries that are not VALID, by index (delivered certificates only; PENDING counts as invalid). */
    public Map<Long, CertificateStatus> statusEntries() {
        return read(c -> {
            Map<Long, CertificateStatus> entries = new LinkedHashMap<>();
            try (Statement statement = c.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT status_index, status FROM certificates"
                            + " WHERE status_index IS NOT NULL AND status <> 'VALID' ORDER BY status_index")) {
                while (rows.next()) {
                    entries.put(rows.getLong(1), CertificateStatus.valueOf(rows.getString(2)));
                }
            }
            return entries;
        });
    }

    // ---- lifecycle ---------------------------------------------------------------------------------------------

    /** A change of status a person asks for. */
    public enum Change {
        SUSPEND(EventKind.SUSPENDED, CertificateStatus.SUSPENDED),
        REINSTATE(EventKind.REINSTATED, CertificateStatus.VALID),
        REVOKE(EventKind.REVOKED, CertificateStatus.REVOKED);

        private final EventKind event;
        private final CertificateStatus target;

        Change(EventKind event, CertificateStatus target) {
            this.event = event;
            this.target = target;
        }
    }

    /**
     * Applies {@code change} to certificate {@code id} and logs it. Allowed: VALID → SUSPENDED, SUSPENDED → VALID
     * (reinstate), VALID or SUSPENDED → REVOKED. Anything else is refused.
     *
     * @throws CachetException NOT_FOUND for an unknown id; CONFLICT for a change its status does not allow
     */
    public CertificateRecord change(
            CertificateId id, Change change, String actor, Optional<String> reason, Instant at) {
        requireNonNull(change, "change is null");
        return write(c -> {
            CertificateRecord record = find(c, id).orElseThrow(() -> unknown(id));
            switch (change) {
                case SUSPEND -> {
                    requireChangeable(record, "suspended");
                    if (record.status() == CertificateStatus.SUSPENDED) {
                        throw CachetException.conflict("certificate " + id + " is already suspended");
                    }
                }
                case REVOKE -> requireChangeable(record, "revoked");
                case REINSTATE -> {
                    requireChangeable(record, "reinstated");
                    if (record.status() != CertificateStatus.SUSPENDED) {
                        throw CachetException.conflict("certificate " + id + " is " + record.status()
                                + ", not suspended: only a suspended certificate can be reinstated");
                    }
                }
            }
            update(c, "UPDATE certificates SET status = ? WHERE id = ?", change.target.name(), id.value());
            append(c, id, change.event, actor, reason, at, Optional.empty());
            return find(c, id).orElseThrow();
        });
    }

    /** Refuses any change to a certificate that is pending, revoked or superseded. */
    public static void requireChangeable(CertificateRecord record, String verb) {
        CertificateId id = record.id();
        switch (record.status()) {
            case PENDING ->
                throw CachetException.conflict("certificate " + id
                        + " was never delivered (its issuance was interrupted): run `cachet registry repair`");
            case REVOKED ->
                throw CachetException.conflict(
                        "certificate " + id + " is revoked: a revoked certificate cannot be " + verb);
            case SUPERSEDED ->
                throw CachetException.conflict("certificate " + id + " was superseded by "
                        + record.supersededBy().map(CertificateId::value).orElse("?") + ": it cannot be " + verb
                        + " (act on the new certificate instead)");
            case VALID, SUSPENDED -> {}
        }
    }

    // ---- audit -------------------------------------------------------------------------------------------------

    /** Checks the whole event log: sequence without gaps, each link to the previous hash, each hash recomputed. */
    public AuditResult verifyChain() {
        return read(c -> {
            String previous = EventChain.GENESIS;
            long expected = 1;
            try (PreparedStatement query = c.prepareStatement(
                    "SELECT seq, certificate_id, kind, actor, reason, at_millis, related_id, previous_hash, hash"
                            + " FROM events ORDER BY seq")) {
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        long seq = rows.getLong(1);
                        RegistryEvent event;
                        try {
                            event = event(rows);
                        } catch (RuntimeException e) {
                            return new AuditResult.Broken(seq, "unreadable entry: " + e.getMessage(), expected - 1);
                        }
                        if (seq != expected) {
                            return new AuditResult.Broken(
                                    seq, "expected entry " + expected + ": entries are missing", expected - 1);
                        }
                        if (!event.previousHash().equals(previous)) {
                            return new AuditResult.Broken(
                                    seq, "does not link to the previous entry's hash", expected - 1);
                        }
                        if (!EventChain.hash(previous, event).equals(event.hash())) {
                            return new AuditResult.Broken(
                                    seq, "its content does not match its hash: it was changed", expected - 1);
                        }
                        previous = event.hash();
                        expected++;
                    }
                }
            }
            return new AuditResult.Intact(expected - 1, previous);
        });
    }

    // ---- repair ------------------------------------------------------------------------------------------------

    /**
     * Finishes or discards interrupted issuances: a PENDING record whose PDF is complete (hash as recorded) is
     * delivered; one whose PDF is missing is removed, with any temporary file left beside it; one whose file has
     * other content is left for a person. Every PENDING record is taken, however recent: only for when no other
     * process can be issuing with this registry (see {@link #repair(String, Instant, Duration)}).
     */
    public RepairReport repair(String actor, Instant at) {
        return repair(actor, at, Duration.ZERO);
    }

    /**
     * As {@link #repair(String, Instant)}, leaving alone the PENDING records reserved less than {@code minimumAge}
     * before {@code at}: another process may still be rendering or writing them (one issuance takes well under a
     * second), and discarding its record, or deleting its temporary file, would make it fail.
     */
    public RepairReport repair(String actor, Instant at, Duration minimumAge) {
        Instant cutoff = at.minus(minimumAge);
        List<CertificateRecord> all = pending();
        List<CertificateRecord> old = all.stream()
                .filter(record -> minimumAge.isZero() || record.issuedAt().isBefore(cutoff))
                .toList();
        List<CertificateId> recent = all.stream()
                .filter(record -> !old.contains(record))
                .map(CertificateRecord::id)
                .toList();
        RepairReport report = repair(old, actor, at);
        return new RepairReport(report.completed(), report.discarded(), report.conflicting(), recent);
    }

    /**
     * As {@link #repair(String, Instant)}, limited to the records of the given idempotency keys: what a batch rerun
     * repairs of its own rows, leaving other issuances alone.
     */
    public RepairReport repair(String actor, Instant at, Set<String> idempotencyKeys) {
        return repair(
                pending().stream()
                        .filter(record -> record.idempotencyKey()
                                .map(idempotencyKeys::contains)
                                .orElse(false))
                        .toList(),
                actor,
                at);
    }

    private RepairReport repair(List<CertificateRecord> pending, String actor, Instant at) {
        List<CertificateId> completed = new ArrayList<>();
        List<CertificateId> discarded = new ArrayList<>();
        List<CertificateId> conflicting = new ArrayList<>();
        for (CertificateRecord record : pending) {
            Path file = record.file();
            deleteTemporaryFiles(file);
            if (Files.isRegularFile(file)) {
                if (sha256(file).equals(record.pdfSha256())) {
                    markDelivered(record.id(), actor, at);
                    completed.add(record.id());
                } else {
                    conflicting.add(record.id());
                }
            } else {
                discardPending(record.id());
                discarded.add(record.id());
            }
        }
        return new RepairReport(completed, discarded, conflicting);
    }

    /** SecureFiles writes {@code .NAME.UUID.tmp} beside the target; a crash may leave one. */
    private static void deleteTemporaryFiles(Path file) {
        Path directory = file.toAbsolutePath().getParent();
        if (directory == null || !Files.isDirectory(directory)) {
            return;
        }
        String prefix = "." + file.getFileName() + ".";
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(
                directory,
                entry -> entry.getFileName().toString().startsWith(prefix)
                        && entry.getFileName().toString().endsWith(".tmp"))) {
            for (Path entry : entries) {
                Files.deleteIfExists(entry);
            }
        } catch (IOException e) {
            throw CachetException.internal("cannot clean temporary files in " + directory + ": " + e.getMessage(), e);
        }
    }

    /** Hex SHA-256 of a file's content. */
    public static String sha256(Path file) {
        try {
            return sha256(Files.readAllBytes(file));
        } catch (IOException e) {
            throw CachetException.internal("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Hex SHA-256 of {@code bytes}. */
    public static String sha256(byte[] bytes) {
        return Sha256.hex(bytes);
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    private void append(
            Connection c,
            CertificateId id,
            EventKind kind,
            String actor,
            Optional<String> reason,
            Instant at,
            Optional<CertificateId> related)
            throws SQLException {
        long seq;
        String previous;
        try (Statement statement = c.createStatement();
                ResultSet rows = statement.executeQuery("SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1")) {
            if (rows.next()) {
                seq = rows.getLong(1) + 1;
                previous = rows.getString(2);
            } else {
                seq = 1;
                previous = EventChain.GENESIS;
            }
        }
        Instant when = at.truncatedTo(ChronoUnit.MILLIS);
        String hash = EventChain.hash(previous, seq, id, kind, actor, reason, when, related);
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO events (seq, certificate_id, kind, actor,"
                + " reason, at_millis, related_id, previous_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setLong(1, seq);
            insert.setString(2, id.value());
            insert.setString(3, kind.name());
            insert.setString(4, actor);
            setOptional(insert, 5, reason);
            insert.setLong(6, when.toEpochMilli());
            setOptional(insert, 7, related.map(CertificateId::value));
            insert.setString(8, previous);
            insert.setString(9, hash);
            insert.executeUpdate();
        }
    }

    private static Optional<CertificateRecord> find(Connection c, CertificateId id) throws SQLException {
        try (PreparedStatement query = c.prepareStatement("SELECT " + COLUMNS + " FROM certificates WHERE id = ?")) {
            query.setString(1, id.value());
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? Optional.of(record(rows)) : Optional.empty();
            }
        }
    }

    private static CertificateRecord record(ResultSet rows) throws SQLException {
        return new CertificateRecord(
                new CertificateId(rows.getString("id")),
                rows.getString("type"),
                rows.getString("office"),
                new Holder(rows.getString("family_name"), rows.getString("given_names"), rows.getString("birth_date")),
                Optional.ofNullable(rows.getString("foreigner_number")),
                Instant.ofEpochSecond(rows.getLong("issued_at")),
                optionalLong(rows, "expires_at").map(Instant::ofEpochSecond),
                rows.getString("signer_kid"),
                rows.getString("seal_sha256"),
                rows.getString("pdf_sha256"),
                Path.of(rows.getString("file")),
                CertificateStatus.valueOf(rows.getString("status")),
                Optional.ofNullable(rows.getString("superseded_by")).map(CertificateId::new),
                Optional.ofNullable(rows.getString("supersedes")).map(CertificateId::new),
                optionalLong(rows, "status_index"),
                Optional.ofNullable(rows.getString("idempotency_key")));
    }

    private static List<RegistryEvent> events(PreparedStatement query) throws SQLException {
        List<RegistryEvent> events = new ArrayList<>();
        try (ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                events.add(event(rows));
            }
        }
        return events;
    }

    private static RegistryEvent event(ResultSet rows) throws SQLException {
        return new RegistryEvent(
                rows.getLong("seq"),
                new CertificateId(rows.getString("certificate_id")),
                EventKind.valueOf(rows.getString("kind")),
                rows.getString("actor"),
                Optional.ofNullable(rows.getString("reason")),
                Instant.ofEpochMilli(rows.getLong("at_millis")),
                Optional.ofNullable(rows.getString("related_id")).map(CertificateId::new),
                rows.getString("previous_hash"),
                rows.getString("hash"));
    }

    private static Optional<Long> optionalLong(ResultSet rows, String column) throws SQLException {
        long value = rows.getLong(column);
        return rows.wasNull() ? Optional.empty() : Optional.of(value);
    }

    private static boolean exists(Connection c, String sql, Object parameter) throws SQLException {
        try (PreparedStatement query = c.prepareStatement(sql)) {
            query.setObject(1, parameter);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

    private static int update(Connection c, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        }
    }

    private static void setOptional(PreparedStatement statement, int index, Optional<String> value)
            throws SQLException {
        if (value.isPresent()) {
            statement.setString(index, value.get());
        } else {
            statement.setNull(index, Types.VARCHAR);
        }
    }

    private static void setOptionalLong(PreparedStatement statement, int index, Optional<Long> value)
            throws SQLException {
        if (value.isPresent()) {
            statement.setLong(index, value.get());
        } else {
            statement.setNull(index, Types.BIGINT);
        }
    }

    private static CachetException unknown(CertificateId id) {
        return CachetException.notFound("no certificate " + id + " in the registry: check the id (`cachet search`"
                + " finds certificates by name and birth date)");
    }

    /** {@code text} for a LIKE pattern with escape character {@code \\}: {@code \\}, {@code %} and {@code _} literal. */
    static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    /**
     * What name searches compare: the Latin letters and digits of the names, upper case, without accents, and
     * without the spaces, apostrophes, hyphens and other punctuation inside names, which records spell differently
     * ("N'DIAYE", "N DIAYE", "NDIAYE" all have the key {@code NDIAYE}). A record's key is its family name then its
     * given names; a search matches any part of it. Keys written before V3 held single spaces between words: the
     * migration {@code V3__name_keys_without_spaces.sql} dropped them.
     */
    static String nameKey(String name) {
        // Hidden characters (zero-width, bidi controls…) are dropped, not made separators: "DU<U+200B>PONT" is DUPONT.
        StringBuilder visible = new StringBuilder(name.length());
        name.codePoints().filter(c -> !HiddenCharacters.isHidden(c)).forEach(visible::appendCodePoint);
        String stripped = Normalizer.normalize(visible, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return stripped.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", "");
    }
}
