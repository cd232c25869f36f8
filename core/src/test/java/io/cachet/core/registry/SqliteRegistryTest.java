package io.cachet.core.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The registry contract on an SQLite file, as in a home. */
class SqliteRegistryTest extends RegistryContract {
    private static final AtomicInteger DATABASES = new AtomicInteger();

    @Override
    RegistryLocation freshLocation() {
        return RegistryLocation.sqlite(folder.resolve("registry-" + DATABASES.incrementAndGet() + ".db"));
    }

    @Test
    void theSqliteFileUsesWriteAheadLoggingAndIsPrivate() throws Exception {
        issue();
        Path file = Path.of(location.jdbcUrl().substring("jdbc:sqlite:".length()));

        assertThat(file).exists();
        assertThat(Files.exists(Path.of(file + "-wal"))).isTrue();
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .as("holder data are readable by the owner only")
                .isEqualTo("rw-------");
    }
}
