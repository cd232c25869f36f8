package io.cachet.core.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The registry contract on a real PostgreSQL server (embedded: no installed server needed), one database a test. */
class PostgresRegistryTest extends RegistryContract {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = EmbeddedPostgres.start();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        postgres.close();
    }

    @Test
    void twoRegistriesWritingAtOnceHandOutDistinctStatusIndexesAndKeepTheChain() throws Exception {
        CertificateRecord like = services.registry().get(issue().id());
        int perThread = 12;
        List<Registry> registries = List.of(Registry.open(location, "PAR"), Registry.open(location, "PAR"));
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                Registry registry = registries.get(t % 2);
                work.add(threads.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        record(registry, like);
                    }
                    return null;
                }));
            }
            for (Future<?> done : work) {
                done.get(60, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
            registries.forEach(Registry::close);
        }

        Registry registry = services.registry();
        try (Connection connection =
                        postgres.getDatabase("postgres", databaseOf(location)).getConnection();
                Statement statement = connection.createStatement();
                ResultSet counts = statement.executeQuery(
                        "SELECT COUNT(*), COUNT(DISTINCT status_index) FROM certificates WHERE status = 'VALID'")) {
            counts.next();
            assertThat(counts.getLong(1)).isEqualTo(1 + 8 * perThread);
            assertThat(counts.getLong(2)).as("distinct status indexes").isEqualTo(1 + 8 * perThread);
        }
        assertThat(registry.verifyChain())
                .isInstanceOfSatisfying(
                        AuditResult.Intact.class,
                        intact -> assertThat(intact.events()).isEqualTo(1 + 8 * perThread));
    }

    /** Reserves and delivers one certificate like {@code like}, as issuance does (another index when one is taken). */
    private static void record(Registry registry, CertificateRecord like) {
        while (true) {
            long index = registry.allocateStatusIndex();
            CertificateId id = CertificateId.random();
            PendingCertificate pending = pending(like, id, Path.of("/nowhere", id.value() + ".pdf"), "00");
            PendingCertificate indexed = new PendingCertificate(
                    id,
                    pending.type(),
                    pending.office(),
                    pending.holder(),
                    pending.foreignerNumber(),
                    pending.issuedAt(),
                    pending.expiresAt(),
                    pending.signerKid(),
                    pending.sealSha256(),
                    pending.pdfSha256(),
                    pending.file(),
                    Optional.of(index),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty());
            if (registry.reserve(indexed) == Registry.Reservation.RESERVED) {
                registry.markDelivered(id, "agent-" + Thread.currentThread().getId(), CLOCK.instant());
                return;
            }
        }
    }

    private static String databaseOf(RegistryLocation location) {
        String url = location.jdbcUrl();
        return url.substring(url.lastIndexOf('/') + 1, url.indexOf('?') < 0 ? url.length() : url.indexOf('?'));
    }

    @Override
    RegistryLocation freshLocation() throws Exception {
        String name = "registry" + DATABASES.incrementAndGet();
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        }
        return new RegistryLocation(postgres.getJdbcUrl("postgres", name), Optional.of("postgres"), Optional.empty());
    }
}
