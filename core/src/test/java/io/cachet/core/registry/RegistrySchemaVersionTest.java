package io.cachet.core.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The registry skips Flyway when its history shows {@link RegistryDatabase#SCHEMA_VERSION}: it must be the newest migration. */
class RegistrySchemaVersionTest {
    @Test
    void theSchemaVersionIsTheNewestMigration() throws IOException {
        Pattern migration = Pattern.compile("V(\\d+)__.*\\.sql");
        int newest;
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/registry"))) {
            newest = files.map(file -> migration.matcher(file.getFileName().toString()))
                    .filter(Matcher::matches)
                    .mapToInt(matcher -> Integer.parseInt(matcher.group(1)))
                    .max()
                    .orElseThrow();
        }

        assertThat(RegistryDatabase.SCHEMA_VERSION).isEqualTo(String.valueOf(newest));
    }
}
