package io.cachet.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cachet.core.home.CachetHome;
import io.cachet.core.home.HomeInitializer;
import io.cachet.core.services.CachetServices;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/** Real development homes for tests: real keys in a temporary folder. */
public final class TestHomes {
    private TestHomes() {}

    public static CachetServices create(Path root, Clock clock) {
        CachetHome home = new CachetHome(root);
        new HomeInitializer(clock, Map.of())
                .initialize(
                        home,
                        new HomeInitializer.Request(
                                "PAR", "Direction territoriale de Paris", true, false, "http://localhost:8080"));
        return new CachetServices(home, Optional.empty(), Map.of(), clock);
    }

    /** The ids of the bundled types, read from the class path without a home. */
    public static java.util.List<String> bundledTypeIds() {
        return io.cachet.core.types.TypeCatalog.loadBundled().types().stream()
                .map(io.cachet.core.types.CertificateType::id)
                .toList();
    }

    public static JsonNode sample(CachetServices services, String type) {
        try {
            return new ObjectMapper().readTree(services.catalog().get(type).sampleJson());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
