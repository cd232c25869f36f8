package io.cachet.core.registry;

import io.cachet.core.CachetException;
import io.cachet.core.seal.Holder;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The {@code certificates} table: records read from and written to its rows, and the small JDBC helpers they use. */
final class CertificateRows {
    static final String COLUMNS = "id, type, office, family_name, given_names, birth_date, foreigner_number,"
            + " issued_at, expires_at, signer_kid, seal_sha256, pdf_sha256, file, status, superseded_by, supersedes,"
            + " status_index, idempotency_key";

    private CertificateRows() {}

    /** The record of one id: {@link #find(PreparedStatement, CertificateId)} runs this statement. */
    static final String FIND = "SELECT " + COLUMNS + " FROM certificates WHERE id = ?";

    static Optional<CertificateRecord> find(Connection c, CertificateId id) throws SQLException {
        try (PreparedStatement query = c.prepareStatement(FIND)) {
            return find(query, id);
        }
    }

    /** The record of {@code id}, read with {@code query}, a statement of {@link #FIND} (left open). */
    static Optional<CertificateRecord> find(PreparedStatement query, CertificateId id) throws SQLException {
        query.setString(1, id.value());
        try (ResultSet rows = query.executeQuery()) {
            return rows.next() ? Optional.of(record(rows)) : Optional.empty();
        }
    }

    /** The records {@code statement} selects (with {@link #COLUMNS}), in its order. */
    static List<CertificateRecord> records(PreparedStatement statement) throws SQLException {
        List<CertificateRecord> found = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                found.add(record(rows));
            }
        }
        return found;
    }

    /** Inserts {@code pending} as a PENDING row, with the name key searches compare. */
    static void insert(Connection c, PendingCertificate pending) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO certificates (" + COLUMNS
                + ", request_sha256, name_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
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
            setOptional(insert, i++, pending.requestSha256());
            insert.setString(
                    i,
                    RegistrySearch.nameKey(pending.holder().familyName() + " "
                            + pending.holder().givenNames()));
            insert.executeUpdate();
        }
    }

    /**
     * The record in the current row of {@code rows}, whose first columns are {@link #COLUMNS} in their order: read by
     * position, which spares the driver a lookup of each column by name (SQLite's builds a map of the names per
     * result set, one native call per column), on every verification.
     */
    static CertificateRecord record(ResultSet rows) throws SQLException {
        return new CertificateRecord(
                new CertificateId(rows.getString(1)), // id
                rows.getString(2), // type
                rows.getString(3), // office
                new Holder(rows.getString(4), rows.getString(5), rows.getString(6)), // family, given names, birth
                Optional.ofNullable(rows.getString(7)), // foreigner_number
                Instant.ofEpochSecond(rows.getLong(8)), // issued_at
                optionalLong(rows, 9).map(Instant::ofEpochSecond), // expires_at
                rows.getString(10), // signer_kid
                rows.getString(11), // seal_sha256
                rows.getString(12), // pdf_sha256
                Path.of(rows.getString(13)), // file
                CertificateStatus.valueOf(rows.getString(14)), // status
                Optional.ofNullable(rows.getString(15)).map(CertificateId::new), // superseded_by
                Optional.ofNullable(rows.getString(16)).map(CertificateId::new), // supersedes
                optionalLong(rows, 17), // status_index
                Optional.ofNullable(rows.getString(18))); // idempotency_key
    }

    static CachetException unknown(CertificateId id) {
        return CachetException.notFound("no certificate " + id + " in the registry: check the id (`cachet search`"
                + " finds certificates by name and birth date)");
    }

    static boolean exists(Connection c, String sql, Object parameter) throws SQLException {
        try (PreparedStatement query = c.prepareStatement(sql)) {
            query.setObject(1, parameter);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

    static int update(Connection c, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        }
    }

    static void setOptional(PreparedStatement statement, int index, Optional<String> value) throws SQLException {
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

    private static Optional<Long> optionalLong(ResultSet rows, int column) throws SQLException {
        long value = rows.getLong(column);
        return rows.wasNull() ? Optional.empty() : Optional.of(value);
    }
}
