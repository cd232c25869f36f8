package io.cachet.cli;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The batch crash test on PostgreSQL (embedded server; the killed CLI and the rerun share it). */
class PostgresBatchCrashTest extends BatchCrashContract {
    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = EmbeddedPostgres.start();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        postgres.close();
    }

    @Override
    Map<String, String> registryEnvironment() {
        return Map.of("CACHET_DB_URL", postgres.getJdbcUrl("postgres", "postgres"), "CACHET_DB_USER", "postgres");
    }
}
