package io.cachet.core.registry;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;

/** API clients on an SQLite file, as in a home. */
class SqliteApiClientsTest extends ApiClientsContract {
    private static final AtomicInteger DATABASES = new AtomicInteger();

    @TempDir
    static Path folder;

    @Override
    RegistryLocation freshLocation() {
        return RegistryLocation.sqlite(folder.resolve("clients-" + DATABASES.incrementAndGet() + ".db"));
    }
}
