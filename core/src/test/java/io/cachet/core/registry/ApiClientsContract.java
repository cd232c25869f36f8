package io.cachet.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cachet.core.CachetException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** API clients and their access log. Runs against SQLite and PostgreSQL. */
abstract class ApiClientsContract {
    static final Instant NOW = Instant.parse("2026-11-20T09:00:00Z");

    RegistryLocation location;
    Registry registry;
    ApiClients clients;

    abstract RegistryLocation freshLocation() throws Exception;

    @BeforeEach
    void freshRegistry() throws Exception {
        location = freshLocation();
        registry = Registry.open(location, "OFII");
        clients = registry.clients();
    }

    @AfterEach
    void closeRegistry() {
        registry.close();
    }

    @Test
    void anAddedClientAuthenticatesWithItsKeyWhichIsNeverStored() throws Exception {
        ApiClients.NewClient added = clients.add("prefecture-69.sys", NOW);

        assertThat(added.key()).startsWith(ApiClients.KEY_PREFIX).hasSize(ApiClients.KEY_PREFIX.length() + 43);
        assertThat(added.toString()).doesNotContain(added.key());
        assertThat(clients.authenticate(added.key())).contains(added.client());
        assertThat(clients.list()).containsExactly(new ApiClient("prefecture-69.sys", NOW, Optional.empty()));
        try (Connection c = connect();
                Statement statement = c.createStatement();
                ResultSet rows = statement.executeQuery("SELECT key_sha256 FROM api_client")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).hasSize(64).isNotEqualTo(added.key()).doesNotContain(added.key());
        }
    }

    @Test
    void eachClientGetsItsOwnRandomKey() {
        String first = clients.add("a", NOW).key();
        String second = clients.add("b", NOW).key();

        assertThat(first).isNotEqualTo(second);
        assertThat(clients.authenticate(first).map(ApiClient::name)).contains("a");
        assertThat(clients.authenticate(second).map(ApiClient::name)).contains("b");
    }

    @Test
    void aWrongOrMalformedKeyAuthenticatesNobody() {
        String key = clients.add("court.lyon", NOW).key();
        char last = key.charAt(key.length() - 1);
        String altered = key.substring(0, key.length() - 1) + (last == 'A' ? 'B' : 'A');

        assertThat(clients.authenticate(altered)).isEmpty();
        assertThat(clients.authenticate("")).isEmpty();
        assertThat(clients.authenticate(null)).isEmpty();
        assertThat(clients.authenticate(key.substring(ApiClients.KEY_PREFIX.length())))
                .isEmpty();
        assertThat(clients.authenticate(key + "x")).isEmpty();
    }

    @Test
    void aRevokedClientIsStillRecognisedButMarkedRevoked() {
        String key = clients.add("court.lyon", NOW).key();

        ApiClient revoked = clients.revoke("court.lyon", NOW.plusSeconds(60));

        assertThat(revoked.revokedAt()).contains(NOW.plusSeconds(60));
        assertThat(clients.authenticate(key))
                .hasValueSatisfying(client -> assertThat(client.revoked()).isTrue());
        assertThat(clients.list()).containsExactly(revoked);
    }

    @Test
    void anExistingNameIsRefusedEvenWhenRevoked() {
        clients.add("court.lyon", NOW);
        clients.revoke("court.lyon", NOW);

        assertThatThrownBy(() -> clients.add("court.lyon", NOW))
                .isInstanceOfSatisfying(
                        CachetException.class, e -> assertThat(e.kind()).isEqualTo(CachetException.Kind.CONFLICT))
                .hasMessageContaining("already exists");
    }

    @Test
    void revokingAnUnknownOrRevokedClientIsRefused() {
        assertThatThrownBy(() -> clients.revoke("nobody", NOW))
                .isInstanceOfSatisfying(
                        CachetException.class, e -> assertThat(e.kind()).isEqualTo(CachetException.Kind.NOT_FOUND));
        clients.add("court.lyon", NOW);
        clients.revoke("court.lyon", NOW);

        assertThatThrownBy(() -> clients.revoke("court.lyon", NOW))
                .isInstanceOfSatisfying(
                        CachetException.class, e -> assertThat(e.kind()).isEqualTo(CachetException.Kind.CONFLICT))
                .hasMessageContaining("already revoked");
    }

    @Test
    void namesAreLettersDigitsDashesAndDotsUpTo64() {
        for (String bad : new String[] {"", "a b", "a/b", "é", "a_b", "x".repeat(65)}) {
            assertThatThrownBy(() -> clients.add(bad, NOW))
                    .as(bad)
                    .isInstanceOfSatisfying(
                            CachetException.class, e -> assertThat(e.kind()).isEqualTo(CachetException.Kind.USAGE));
        }
        clients.add("x".repeat(64), NOW);
        clients.add("Pref-75.A1", NOW);

        assertThat(clients.list()).hasSize(2);
    }

    @Test
    void accessesAreLoggedWithClientCertificateTimeAndOutcome() {
        clients.add("court.lyon", NOW);
        CertificateId id = CertificateId.random();

        clients.recordAccess("court.lyon", Optional.of(id), NOW, ApiAccess.Outcome.GRANTED);
        clients.recordAccess("court.lyon", Optional.empty(), NOW.plusMillis(5), ApiAccess.Outcome.MALFORMED_ID);

        assertThat(clients.accessLog())
                .containsExactly(
                        new ApiAccess("court.lyon", Optional.of(id), NOW, ApiAccess.Outcome.GRANTED),
                        new ApiAccess(
                                "court.lyon", Optional.empty(), NOW.plusMillis(5), ApiAccess.Outcome.MALFORMED_ID));
    }

    private Connection connect() throws Exception {
        Properties properties = new Properties();
        location.user().ifPresent(user -> properties.setProperty("user", user));
        location.password().ifPresent(password -> properties.setProperty("password", password));
        return DriverManager.getConnection(location.jdbcUrl(), properties);
    }
}
