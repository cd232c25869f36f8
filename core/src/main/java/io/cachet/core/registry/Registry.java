package io.cachet.core.registry;

import static io.cachet.core.registry.CertificateRows.exists;
import static io.cachet.core.registry.CertificateRows.unknown;
import static java.util.Objects.requireNonNull;

import io.cachet.core.CachetException;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The issuer's registry of certificates: one record per certificate and an append-only, hash-chained event log, in
 * SQLite (a file in the home; WAL, {@code synchronous=FULL}) or PostgreSQL. The schema is migrated with Flyway on
 * open. Plain JDBC over one connection per instance; methods are synchronized, so one instance may serve several
 * threads, and writes from several processes are serialized by the database (SQLite's {@code BEGIN IMMEDIATE}, a
 * table lock in PostgreSQL).
 *
 * <p>This class is the registry's public surface; the work is done by package-private pieces: the connection and
 * schema ({@link RegistryDatabase}), the certificate rows ({@link CertificateRows}), the event log
 * ({@link EventLog}), the status transitions ({@link StatusChanges}), the search ({@link RegistrySearch}) and the
 * repair of interrupted issuances ({@link PendingRepair}).
 *
 * <p>Database errors surface as {@link CachetException} of kind CONFIGURATION ("registry unavailable").
 */
public final class Registry implements AutoCloseable {
    /** Status lists have at least this many entries (IETF Token Status List: herd privacy). */
    public static final int MINIMUM_STATUS_LIST_SIZE = 131_072;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final RegistryDatabase database;
    private final String office;
    /** Guarded by {@link #database}'s lock, the one every read and transaction takes. */
    private final Set<Long> indexesHandedOut = new HashSet<>();

    private Registry(RegistryLocation location, String office) {
        this.database = new RegistryDatabase(location);
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
        return database.location();
    }

    /** The API clients of registered administrations' systems, and their access log, in this registry. */
    public ApiClients clients() {
        return new ApiClients(database);
    }

    @Override
    public void close() {
        database.close();
    }

    // ---- issuance ----------------------------------------------------------------------------------------------

    /**
     * A random index in the status list that no certificate holds and no other caller in this process was handed.
     * Indexes are spread over a list of at least {@value #MINIMUM_STATUS_LIST_SIZE} entries that grows (by powers of
     * two) to stay at most a quarter full, so an index says nothing about when or in what order it was issued.
     */
    public long allocateStatusIndex() {
        synchronized (database) {
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
    }

    /** Gives back an index from {@link #allocateStatusIndex} that will not be used (issuance failed before reserving). */
    public void releaseStatusIndex(long index) {
        synchronized (database) {
            indexesHandedOut.remove(index);
        }
    }

    /** The number of entries of the status list: a power of two, at least {@value #MINIMUM_STATUS_LIST_SIZE}. */
    public long statusListSize() {
        long used = database.read(c -> {
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
        return database.read(c -> exists(c, "SELECT 1 FROM certificates WHERE status_index = ?", index));
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
            return database.write(c -> {
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
                    CertificateRecord old = CertificateRows.find(
                                    c, pending.supersedes().get())
                            .orElseThrow(() -> unknown(pending.supersedes().get()));
                    StatusChanges.requireChangeable(old, "reissued");
                }
                CertificateRows.insert(c, pending);
                return Reservation.RESERVED;
            });
        } finally {
            synchronized (database) {
                pending.statusIndex().ifPresent(indexesHandedOut::remove);
            }
        }
    }

    /**
     * Marks a PENDING certificate as delivered (VALID) once its PDF is completely written, logging ISSUED; when it
     * corrects an earlier certificate, that one becomes SUPERSEDED in the same transaction.
     */
    public CertificateRecord markDelivered(CertificateId id, String actor, Instant at) {
        return database.write(c -> StatusChanges.deliver(c, id, actor, at));
    }

    /** Removes a PENDING record whose PDF could not be written (issuance failed before delivery). */
    public void discardPending(CertificateId id) {
        database.write(c -> CertificateRows.update(
                c,
                "DELETE FROM certificates WHERE id = ? AND status = ?",
                id.value(),
                CertificateStatus.PENDING.name()));
    }

    // ---- lookups -----------------------------------------------------------------------------------------------

    public Optional<CertificateRecord> find(CertificateId id) {
        requireNonNull(id, "id is null");
        // Every verification makes this lookup: its statement is kept prepared on each reading connection.
        return database.readKept(CertificateRows.FIND, query -> CertificateRows.find(query, id));
    }

    /** The record of {@code id}, or NOT_FOUND. */
    public CertificateRecord get(CertificateId id) {
        return find(id).orElseThrow(() -> unknown(id));
    }

    public Optional<CertificateRecord> findByIdempotencyKey(String key) {
        requireNonNull(key, "key is null");
        return database.read(c -> {
            try (PreparedStatement query = c.prepareStatement(
                    "SELECT " + CertificateRows.COLUMNS + " FROM certificates WHERE idempotency_key = ?")) {
                query.setString(1, key);
                return CertificateRows.records(query).stream().findFirst();
            }
        });
    }

    /**
     * The certificate issued under idempotency key {@code key}, with the SHA-256 of the request that issued it
     * (empty for a certificate issued without one, e.g. a batch row).
     */
    public Optional<IdempotentIssue> findIdempotentIssue(String key) {
        requireNonNull(key, "key is null");
        return database.read(c -> {
            try (PreparedStatement query = c.prepareStatement("SELECT " + CertificateRows.COLUMNS
                    + ", request_sha256 FROM certificates WHERE idempotency_key = ?")) {
                query.setString(1, key);
                try (java.sql.ResultSet rows = query.executeQuery()) {
                    return rows.next()
                            ? Optional.of(new IdempotentIssue(
                                    CertificateRows.record(rows),
                                    Optional.ofNullable(rows.getString("request_sha256"))))
                            : Optional.empty();
                }
            }
        });
    }

    /**
     * A certificate recorded under an idempotency key.
     *
     * @param requestSha256 the SHA-256 of the request that issued it, when one was recorded
     */
    public record IdempotentIssue(CertificateRecord record, Optional<String> requestSha256) {
        public IdempotentIssue {
            requireNonNull(record, "record is null");
            requireNonNull(requestSha256, "requestSha256 is null");
        }
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
        return database.read(c -> EventLog.history(c, id));
    }

    /** Delivered records matching {@code query}, newest first; a name is matched by its letters and digits. */
    public List<CertificateRecord> search(SearchQuery query) {
        return RegistrySearch.run(database, query);
    }

    /** Records whose issuance was interrupted (PENDING), oldest first. */
    public List<CertificateRecord> pending() {
        return database.read(c -> {
            try (PreparedStatement query = c.prepareStatement("SELECT " + CertificateRows.COLUMNS
                    + " FROM certificates WHERE status = ? ORDER BY issued_at, id")) {
                query.setString(1, CertificateStatus.PENDING.name());
                return CertificateRows.records(query);
            }
        });
    }

    /** Status list entries that are not VALID, by index (delivered certificates only; PENDING counts as invalid). */
    public Map<Long, CertificateStatus> statusEntries() {
        return database.read(c -> {
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

        EventKind event() {
            return event;
        }

        CertificateStatus target() {
            return target;
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
        return database.write(c -> StatusChanges.apply(c, id, change, actor, reason, at));
    }

    /** Refuses any change to a certificate that is pending, revoked or superseded. */
    public static void requireChangeable(CertificateRecord record, String verb) {
        StatusChanges.requireChangeable(record, verb);
    }

    // ---- audit -------------------------------------------------------------------------------------------------

    /** Checks the whole event log: sequence without gaps, each link to the previous hash, each hash recomputed. */
    public AuditResult verifyChain() {
        return database.read(EventLog::audit);
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
        RepairReport report = PendingRepair.repair(this, old, actor, at);
        return new RepairReport(report.completed(), report.discarded(), report.conflicting(), recent);
    }

    /**
     * As {@link #repair(String, Instant)}, limited to the records of the given idempotency keys: what a batch rerun
     * repairs of its own rows, leaving other issuances alone.
     */
    public RepairReport repair(String actor, Instant at, Set<String> idempotencyKeys) {
        return PendingRepair.repair(
                this,
                pending().stream()
                        .filter(record -> record.idempotencyKey()
                                .map(idempotencyKeys::contains)
                                .orElse(false))
                        .toList(),
                actor,
                at);
    }
}
