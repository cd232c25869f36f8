package io.cachet.web;

import static java.util.Objects.requireNonNull;

import io.cachet.core.CachetException;
import io.cachet.core.verify.VerificationBudget;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * How the web verifier runs.
 *
 * @param host the address to listen on ({@code 0.0.0.0} for all)
 * @param port the TCP port; 0 picks a free one
 * @param maxRequestBytes the largest request body accepted, uploads included (default 10 MB)
 * @param baseUrl the public address of the verifier as people reach it (the OpenAPI file's server), or empty
 * @param trustedProxies addresses or CIDR ranges of reverse proxies whose {@code X-Forwarded-For} and
 *     {@code X-Forwarded-Proto} are believed; empty: the peer address is the client
 * @param rateLimitPerMinute verifications one client may ask for per minute; 0 turns the limit off
 */
public record VerifierConfig(
        String host,
        int port,
        long maxRequestBytes,
        String baseUrl,
        List<String> trustedProxies,
        int rateLimitPerMinute) {
    public static final long DEFAULT_MAX_REQUEST_BYTES = 10L * 1024 * 1024;
    public static final int DEFAULT_PORT = 8080;
    public static final int DEFAULT_RATE_LIMIT_PER_MINUTE = 60;

    /** The configuration file looked for in a home, next to {@code cachet.properties}. */
    public static final String FILE_NAME = "verifier.properties";

    /** Property name in the file → environment variable that overrides it. */
    static final Map<String, String> ENVIRONMENT = Map.of(
            "bind", "CACHET_WEB_BIND",
            "port", "CACHET_WEB_PORT",
            "base-url", "CACHET_WEB_BASE_URL",
            "trusted-proxies", "CACHET_TRUSTED_PROXIES",
            "max-upload-bytes", "CACHET_MAX_UPLOAD_BYTES",
            "rate-limit-per-minute", "CACHET_RATE_LIMIT_PER_MINUTE",
            "trust-dir", "CACHET_TRUST_DIR",
            "verify-time-budget", "CACHET_VERIFY_TIME_BUDGET",
            "verify-workers", "CACHET_VERIFY_WORKERS",
            "verify-queue", "CACHET_VERIFY_QUEUE");

    public VerifierConfig {
        requireNonNull(host, "host is null");
        requireNonNull(baseUrl, "baseUrl is null");
        if (!baseUrl.isEmpty() && !baseUrl.matches("https?://[^\\s]+")) {
            throw new IllegalArgumentException("base URL must start with http:// or https://, was " + baseUrl);
        }
        baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        trustedProxies = List.copyOf(trustedProxies);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, was " + port);
        }
        if (maxRequestBytes <= 0) {
            throw new IllegalArgumentException("maxRequestBytes must be positive");
        }
        if (rateLimitPerMinute < 0) {
            throw new IllegalArgumentException("rateLimitPerMinute must be 0 (off) or positive");
        }
        trustedProxies.forEach(ClientAddress::parseRange);
    }

    public VerifierConfig(String host, int port, long maxRequestBytes) {
        this(host, port, maxRequestBytes, "", List.of(), DEFAULT_RATE_LIMIT_PER_MINUTE);
    }

    public static VerifierConfig onPort(int port) {
        return new VerifierConfig("0.0.0.0", port, DEFAULT_MAX_REQUEST_BYTES);
    }

    public VerifierConfig withPort(int newPort) {
        return new VerifierConfig(host, newPort, maxRequestBytes, baseUrl, trustedProxies, rateLimitPerMinute);
    }

    public VerifierConfig withHost(String newHost) {
        return new VerifierConfig(newHost, port, maxRequestBytes, baseUrl, trustedProxies, rateLimitPerMinute);
    }

    /**
     * Reads the settings: the defaults, then the properties file when given and present, then the environment
     * ({@link #ENVIRONMENT}), each overriding the one before.
     *
     * @throws CachetException (configuration) for an unreadable file or a value that does not parse
     */
    public static VerifierConfig load(Optional<Path> file, Map<String, String> environment) {
        Properties settings = settings(file, environment);
        try {
            return new VerifierConfig(
                    settings.getProperty("bind", "0.0.0.0"),
                    Integer.parseInt(settings.getProperty("port", String.valueOf(DEFAULT_PORT))),
                    Long.parseLong(settings.getProperty("max-upload-bytes", String.valueOf(DEFAULT_MAX_REQUEST_BYTES))),
                    settings.getProperty("base-url", ""),
                    Arrays.stream(settings.getProperty("trusted-proxies", "").split(","))
                            .map(String::trim)
                            .filter(value -> !value.isEmpty())
                            .toList(),
                    Integer.parseInt(settings.getProperty(
                            "rate-limit-per-minute", String.valueOf(DEFAULT_RATE_LIMIT_PER_MINUTE))));
        } catch (IllegalArgumentException e) {
            throw CachetException.configuration("invalid verifier setting: " + e.getMessage()
                    + " (see docs/verifier.md for the settings and their environment variables)");
        }
    }

    /**
     * The verification budget ({@code verify-time-budget}, {@code verify-workers}, {@code verify-queue}, from the file
     * or {@code CACHET_VERIFY_*}), each defaulting to {@link VerificationBudget#defaults()}.
     *
     * @throws CachetException (configuration) for a value that does not parse or is out of range
     */
    public static VerificationBudget budget(Optional<Path> file, Map<String, String> environment) {
        Properties settings = settings(file, environment);
        VerificationBudget defaults = VerificationBudget.defaults();
        try {
            String time = settings.getProperty("verify-time-budget");
            return new VerificationBudget(
                    time == null ? defaults.timeBudget() : VerificationBudget.parseDuration(time),
                    Integer.parseInt(settings.getProperty("verify-workers", String.valueOf(defaults.workers()))),
                    Integer.parseInt(settings.getProperty("verify-queue", String.valueOf(defaults.queueLength()))));
        } catch (IllegalArgumentException e) {
            throw CachetException.configuration(
                    "invalid verifier setting: " + e.getMessage() + " (see docs/verifier.md, \"Verification budget\")");
        }
    }

    /** The trust folder named by {@code trust-dir} (file or {@code CACHET_TRUST_DIR}), if any. */
    public static Optional<Path> trustDirectory(Optional<Path> file, Map<String, String> environment) {
        return Optional.ofNullable(settings(file, environment).getProperty("trust-dir"))
                .filter(value -> !value.isBlank())
                .map(Path::of);
    }

    private static Properties settings(Optional<Path> file, Map<String, String> environment) {
        Properties settings = new Properties();
        if (file.isPresent() && Files.isRegularFile(file.get())) {
            try (Reader reader = Files.newBufferedReader(file.get(), StandardCharsets.UTF_8)) {
                settings.load(reader);
            } catch (IOException e) {
                throw CachetException.configuration("cannot read " + file.get() + ": " + e.getMessage(), e);
            }
        }
        ENVIRONMENT.forEach((property, variable) -> {
            String value = environment.get(variable);
            if (value != null && !value.isBlank()) {
                settings.setProperty(property, value.trim());
            }
        });
        return settings;
    }
}
