package io.cachet.core.registry;

import static java.util.Objects.requireNonNull;

import io.cachet.core.CachetException;
import io.cachet.core.home.CachetHome;
import io.cachet.core.home.HomeConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where a home's registry lives: the {@value #URL_VARIABLE} environment variable, else {@code registry.url} in the
 * home's {@code cachet.properties}, else the SQLite file {@code registry.db} in the home. A PostgreSQL URL may carry
 * {@code user} and {@code password} parameters, or take them from {@value #USER_VARIABLE} and
 * {@value #PASSWORD_VARIABLE}.
 */
public record RegistryLocation(String jdbcUrl, Optional<String> user, Optional<String> password) {
    public static final String URL_VARIABLE = "CACHET_DB_URL";
    public static final String USER_VARIABLE = "CACHET_DB_USER";
    public static final String PASSWORD_VARIABLE = "CACHET_DB_PASSWORD";
    public static final String URL_PROPERTY = HomeConfig.REGISTRY_URL_PROPERTY;
    public static final String SQLITE_FILE = "registry.db";

    public RegistryLocation {
        requireNonNull(jdbcUrl, "jdbcUrl is null");
        requireNonNull(user, "user is null");
        requireNonNull(password, "password is null");
        if (!jdbcUrl.startsWith("jdbc:sqlite:") && !jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw CachetException.configuration("registry URL '" + redacted(jdbcUrl)
                    + "' is neither jdbc:sqlite:FILE nor jdbc:postgresql://HOST/DB: fix " + URL_VARIABLE + " or "
                    + URL_PROPERTY);
        }
    }

    public static RegistryLocation sqlite(Path file) {
        return new RegistryLocation("jdbc:sqlite:" + file.toAbsolutePath(), Optional.empty(), Optional.empty());
    }

    /** Resolves the registry of {@code home}; see the class comment for the order. */
    public static RegistryLocation resolve(CachetHome home, Map<String, String> environment) {
        return configured(home, environment).orElseGet(() -> sqlite(home.root().resolve(SQLITE_FILE)));
    }

    /**
     * The registry a verifier should consult: a configured database, else the home's SQLite file when it exists.
     * Empty for a verifier that only has the trust material.
     */
    public static Optional<RegistryLocation> existing(CachetHome home, Map<String, String> environment) {
        Optional<RegistryLocation> configured = configured(home, environment);
        if (configured.isPresent()) {
            return configured;
        }
        Path file = home.root().resolve(SQLITE_FILE);
        return Files.isRegularFile(file) ? Optional.of(sqlite(file)) : Optional.empty();
    }

    private static Optional<RegistryLocation> configured(CachetHome home, Map<String, String> environment) {
        Optional<String> user = nonBlank(environment.get(USER_VARIABLE));
        Optional<String> password = nonBlank(environment.get(PASSWORD_VARIABLE));
        Optional<String> url = nonBlank(environment.get(URL_VARIABLE));
        if (url.isEmpty()) {
            url = home.exists() ? home.config().registryUrl() : Optional.empty();
        }
        return url.map(value -> new RegistryLocation(value.strip(), user, password));
    }

    public boolean isSqlite() {
        return jdbcUrl.startsWith("jdbc:sqlite:");
    }

    /** The URL without any password, for messages. */
    public String describe() {
        return (isSqlite() ? "SQLite " : "PostgreSQL ") + redacted(jdbcUrl);
    }

    private static String redacted(String url) {
        return url.replaceAll("(?i)(password=)[^&]*", "$1***");
    }

    private static Optional<String> nonBlank(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }
}
