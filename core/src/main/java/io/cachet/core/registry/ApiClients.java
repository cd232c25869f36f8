package io.cachet.core.registry;

import static java.util.Objects.requireNonNull;

import io.cachet.core.CachetException;
import io.cachet.core.crypto.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * API keys of registered administrations' systems, kept in the registry's database, and the log of their accesses.
 * A key is 32 random bytes shown once as {@value #KEY_PREFIX} followed by base64url; only its SHA-256 is stored
 * (enough for a high-entropy random key: no password stretching needed) and compared in constant time.
 */
public final class ApiClients {
    /** Every key starts with this, so a leaked key is recognisable (secret scanners, logs). */
    public static final String KEY_PREFIX = "cachet_";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9.-]{1,64}");
    private static final Pattern KEY = Pattern.compile(Pattern.quote(KEY_PREFIX) + "[A-Za-z0-9_-]{43}");
    private static final int KEY_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final RegistryDatabase database;

    ApiClients(RegistryDatabase database) {
        this.database = requireNonNull(database, "database is null");
    }

    /** A client just added, with its key: the only time the key exists outside the client's hands. */
    public record NewClient(ApiClient client, String key) {
        public NewClient {
            requireNonNull(client, "client is null");
            requireNonNull(key, "key is null");
        }

        @Override
        public String toString() {
            return "NewClient[" + client + ", key=(hidden)]";
        }
    }

    /** Checks a client name: letters, digits, dash and dot, 1 to 64 characters. */
    public static String validName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw CachetException.usage("a client name has 1 to 64 letters, digits, dashes or dots, like"
                    + " prefecture-69.sysinfo; got '" + name + "'");
        }
        return name;
    }

    /** Registers client {@code name} with a new random key. Refused if the name exists, even revoked. */
    public NewClient add(String name, Instant at) {
        validName(name);
        requireNonNull(at, "at is null");
        byte[] secret = new byte[KEY_BYTES];
        RANDOM.nextBytes(secret);
        String key = KEY_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Instant created = at.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        database.write(
                c -> {
                    if (find(c, name).isPresent()) {
                        throw CachetException.conflict("an API client named '" + name + "' already exists"
                                + " (names are never reused; choose another)");
                    }
                    try (PreparedStatement insert = c.prepareStatement(
                            "INSERT INTO api_client (name, key_sha256, created_at, revoked_at) VALUES (?, ?, ?, NULL)")) {
                        insert.setString(1, name);
                        insert.setString(2, hash(key));
                        insert.setLong(3, created.getEpochSecond());
                        insert.executeUpdate();
                    }
                    return null;
                },
                false);
        return new NewClient(new ApiClient(name, created, Optional.empty()), key);
    }

    /** Revokes client {@code name}'s key: from now on it is refused. Refused if unknown or already revoked. */
    public ApiClient revoke(String name, Instant at) {
        validName(name);
        requireNonNull(at, "at is null");
        Instant revoked = at.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        return database.write(
                c -> {
                    ApiClient client = find(c, name)
                            .orElseThrow(() -> CachetException.notFound(
                                    "no API client is named '" + name + "'; see them with: cachet clients list"));
                    if (client.revoked()) {
                        throw CachetException.conflict("the API client '" + name + "' was already revoked on "
                                + client.revokedAt().get());
                    }
                    try (PreparedStatement update =
                            c.prepareStatement("UPDATE api_client SET revoked_at = ? WHERE name = ?")) {
                        update.setLong(1, revoked.getEpochSecond());
                        update.setString(2, name);
                        update.executeUpdate();
                    }
                    return new ApiClient(name, client.createdAt(), Optional.of(revoked));
                },
                false);
    }

    /** Every client, revoked ones included, by name. */
    public List<ApiClient> list() {
        return database.read(c -> {
            try (PreparedStatement query =
                            c.prepareStatement("SELECT name, created_at, revoked_at FROM api_client ORDER BY name");
                    ResultSet rows = query.executeQuery()) {
                List<ApiClient> clients = new ArrayList<>();
                while (rows.next()) {
                    clients.add(client(rows));
                }
                return clients;
            }
        });
    }

    /**
     * The client whose key this is, revoked or not; empty for a key no client has, for something that is not a key,
     * and for {@code null}. The caller refuses revoked clients.
     *
     * <p>Every call does the same work whatever it is given, so that its time tells nothing about the key: the
     * presented text is always hashed (a malformed one and {@code null}, as the empty text, too), the table is always
     * asked for that hash, and the stored hash, or the presented one itself when none matched, is always compared in
     * constant time ({@link MessageDigest#isEqual}). Only then is the well-formedness of the key taken into account.
     */
    public Optional<ApiClient> authenticate(String key) {
        String presentedText = key == null ? "" : key;
        byte[] presented = hash(presentedText).getBytes(StandardCharsets.US_ASCII);
        boolean wellFormed = KEY.matcher(presentedText).matches();
        Optional<ApiClient> found = database.read(c -> {
            try (PreparedStatement query = c.prepareStatement(
                    "SELECT name, created_at, revoked_at, key_sha256 FROM api_client WHERE key_sha256 = ?")) {
                query.setString(1, new String(presented, StandardCharsets.US_ASCII));
                try (ResultSet rows = query.executeQuery()) {
                    boolean row = rows.next();
                    byte[] stored = row ? rows.getString("key_sha256").getBytes(StandardCharsets.US_ASCII) : presented;
                    boolean equal = MessageDigest.isEqual(stored, presented);
                    return row && equal ? Optional.of(client(rows)) : Optional.<ApiClient>empty();
                }
            }
        });
        return wellFormed ? found : Optional.empty();
    }

    /** Appends one entry to the access log. */
    public void recordAccess(
            String client, Optional<CertificateId> certificate, Instant at, ApiAccess.Outcome outcome) {
        requireNonNull(client, "client is null");
        requireNonNull(certificate, "certificate is null");
        requireNonNull(at, "at is null");
        requireNonNull(outcome, "outcome is null");
        database.write(
                c -> {
                    try (PreparedStatement insert = c.prepareStatement("INSERT INTO api_access"
                            + " (client_name, certificate_id, at_millis, outcome) VALUES (?, ?, ?, ?)")) {
                        insert.setString(1, client);
                        if (certificate.isPresent()) {
                            insert.setString(2, certificate.get().value());
                        } else {
                            insert.setNull(2, Types.VARCHAR);
                        }
                        insert.setLong(3, at.toEpochMilli());
                        insert.setString(4, outcome.name());
                        insert.executeUpdate();
                    }
                    return null;
                },
                false);
    }

    /** The access log, oldest first. */
    public List<ApiAccess> accessLog() {
        return database.read(c -> {
            try (PreparedStatement query = c.prepareStatement("SELECT client_name, certificate_id, at_millis, outcome"
                            + " FROM api_access ORDER BY at_millis, client_name");
                    ResultSet rows = query.executeQuery()) {
                List<ApiAccess> log = new ArrayList<>();
                while (rows.next()) {
                    String id = rows.getString("certificate_id");
                    log.add(new ApiAccess(
                            rows.getString("client_name"),
                            Optional.ofNullable(id).map(CertificateId::new),
                            Instant.ofEpochMilli(rows.getLong("at_millis")),
                            ApiAccess.Outcome.valueOf(rows.getString("outcome"))));
                }
                return log;
            }
        });
    }

    private static Optional<ApiClient> find(Connection c, String name) throws SQLException {
        try (PreparedStatement query =
                c.prepareStatement("SELECT name, created_at, revoked_at FROM api_client WHERE name = ?")) {
            query.setString(1, name);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? Optional.of(client(rows)) : Optional.empty();
            }
        }
    }

    private static ApiClient client(ResultSet rows) throws SQLException {
        long revoked = rows.getLong("revoked_at");
        Optional<Instant> revokedAt = rows.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochSecond(revoked));
        return new ApiClient(rows.getString("name"), Instant.ofEpochSecond(rows.getLong("created_at")), revokedAt);
    }

    private static String hash(String key) {
        return Sha256.hex(key.getBytes(StandardCharsets.US_ASCII));
    }
}
