package io.cachet.web;

import static java.util.Objects.requireNonNull;

import io.cachet.core.CachetException;
import io.cachet.core.home.KeystorePassphrase;
import io.cachet.core.home.VerifierKeys;
import io.cachet.core.keys.SignerKey;
import io.cachet.core.keys.TrustStore;
import io.cachet.core.pdf.HttpTimestampAuthority;
import io.cachet.core.status.StatusListStatusSource;
import io.cachet.core.types.TypeCatalog;
import io.cachet.core.verify.ReportPdf;
import io.cachet.core.verify.VerificationBudget;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Supplier;

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
 * @param connections what one connection may hold and how many one address may open ({@link Connections})
 * @param metricsListener where {@code /metrics} is served when not on the public listener; empty: on the public
 *     listener, as every other route
 */
public record VerifierConfig(
        String host,
        int port,
        long maxRequestBytes,
        String baseUrl,
        List<String> trustedProxies,
        int rateLimitPerMinute,
        Connections connections,
        Optional<Listener> metricsListener) {
    public static final long DEFAULT_MAX_REQUEST_BYTES = 10L * 1024 * 1024;
    public static final int DEFAULT_PORT = 8080;
    public static final int DEFAULT_RATE_LIMIT_PER_MINUTE = 60;

    /** The configuration file looked for in a home, next to {@code cachet.properties}. */
    public static final String FILE_NAME = "verifier.properties";

    /** Property name in the file → environment variable that overrides it. */
    static final Map<String, String> ENVIRONMENT = Map.ofEntries(
            Map.entry("bind", "CACHET_WEB_BIND"),
            Map.entry("port", "CACHET_WEB_PORT"),
            Map.entry("base-url", "CACHET_WEB_BASE_URL"),
            Map.entry("trusted-proxies", "CACHET_TRUSTED_PROXIES"),
            Map.entry("max-upload-bytes", "CACHET_MAX_UPLOAD_BYTES"),
            Map.entry("rate-limit-per-minute", "CACHET_RATE_LIMIT_PER_MINUTE"),
            Map.entry("trust-dir", "CACHET_TRUST_DIR"),
            Map.entry("status-list-url", "CACHET_STATUS_LIST_URL"),
            Map.entry("status-list-file", "CACHET_STATUS_LIST_FILE"),
            Map.entry("trust-reload-seconds", "CACHET_TRUST_RELOAD_SECONDS"),
            Map.entry("trust-list-url", "CACHET_TRUST_LIST_URL"),
            Map.entry("trust-list-refresh-seconds", "CACHET_TRUST_LIST_REFRESH_SECONDS"),
            Map.entry("report-keystore", "CACHET_REPORT_KEYSTORE"),
            Map.entry("report-passphrase-file", "CACHET_REPORT_PASSPHRASE_FILE"),
            Map.entry("report-tsa-url", "CACHET_REPORT_TSA_URL"),
            Map.entry("metrics-bind", "CACHET_METRICS_BIND"),
            Map.entry("metrics-port", "CACHET_METRICS_PORT"),
            Map.entry("max-threads", "CACHET_WEB_MAX_THREADS"),
            Map.entry("max-connections-per-address", "CACHET_WEB_MAX_CONNECTIONS_PER_ADDRESS"),
            Map.entry("min-request-bytes-per-second", "CACHET_WEB_MIN_REQUEST_BYTES_PER_SECOND"),
            Map.entry("idle-timeout-seconds", "CACHET_WEB_IDLE_TIMEOUT_SECONDS"),
            Map.entry("verify-time-budget", "CACHET_VERIFY_TIME_BUDGET"),
            Map.entry("verify-workers", "CACHET_VERIFY_WORKERS"),
            Map.entry("verify-queue", "CACHET_VERIFY_QUEUE"));

    /**
     * What one connection may hold and how many one address may open: slow or greedy clients must not take the
     * workers or the sockets the others need.
     *
     * @param maxThreads the server's worker threads (Jetty's pool), including its acceptor and selector threads
     * @param maxPerAddress open connections one client address may have at once (IPv6: per /64); trusted proxies
     *     are not limited; 0 turns the limit off
     * @param minRequestBytesPerSecond the slowest a request body may arrive, on average from the start of the
     *     request (after a grace second), else 408; 0 turns the check off
     * @param idleTimeout how long a connection may stay silent (while a request's headers or body are awaited,
     *     or between requests) before it is closed
     */
    public record Connections(
            int maxThreads, int maxPerAddress, long minRequestBytesPerSecond, java.time.Duration idleTimeout) {
        public static final Connections DEFAULT = new Connections(250, 32, 1024, java.time.Duration.ofSeconds(20));

        public Connections {
            requireNonNull(idleTimeout, "idleTimeout is null");
            if (maxThreads < 16) {
                throw new IllegalArgumentException("max-threads must be at least 16, was " + maxThreads);
            }
            if (maxPerAddress < 0) {
                throw new IllegalArgumentException(
                        "max-connections-per-address must be 0 (off) or positive, was " + maxPerAddress);
            }
            if (minRequestBytesPerSecond < 0) {
                throw new IllegalArgumentException(
                        "min-request-bytes-per-second must be 0 (off) or positive, was " + minRequestBytesPerSecond);
            }
            if (idleTimeout.isNegative() || idleTimeout.isZero()) {
                throw new IllegalArgumentException("idle-timeout-seconds must be positive, was " + idleTimeout);
            }
        }
    }

    /**
     * An address and port to listen on.
     *
     * @param host an IP address ({@code 127.0.0.1} for this machine only) or {@code 0.0.0.0} for all
     * @param port the TCP port; 0 picks a free one
     */
    public record Listener(String host, int port) {
        public Listener {
            requireNonNull(host, "host is null");
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("metrics-port must be between 0 and 65535, was " + port);
            }
        }
    }

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
        requireNonNull(connections, "connections is null");
        requireNonNull(metricsListener, "metricsListener is null");
        if (metricsListener.isPresent() && port != 0 && metricsListener.get().port() == port) {
            throw new IllegalArgumentException("metrics-port must differ from port (" + port + ")");
        }
    }

    /** With the default {@link Connections} and {@code /metrics} on the public listener. */
    public VerifierConfig(
            String host,
            int port,
            long maxRequestBytes,
            String baseUrl,
            List<String> trustedProxies,
            int rateLimitPerMinute) {
        this(
                host,
                port,
                maxRequestBytes,
                baseUrl,
                trustedProxies,
                rateLimitPerMinute,
                Connections.DEFAULT,
                Optional.empty());
    }

    public VerifierConfig(String host, int port, long maxRequestBytes) {
        this(host, port, maxRequestBytes, "", List.of(), DEFAULT_RATE_LIMIT_PER_MINUTE);
    }

    public static VerifierConfig onPort(int port) {
        return new VerifierConfig("0.0.0.0", port, DEFAULT_MAX_REQUEST_BYTES);
    }

    public VerifierConfig withPort(int newPort) {
        return new VerifierConfig(
                host,
                newPort,
                maxRequestBytes,
                baseUrl,
                trustedProxies,
                rateLimitPerMinute,
                connections,
                metricsListener);
    }

    public VerifierConfig withHost(String newHost) {
        return new VerifierConfig(
                newHost,
                port,
                maxRequestBytes,
                baseUrl,
                trustedProxies,
                rateLimitPerMinute,
                connections,
                metricsListener);
    }

    public VerifierConfig withConnections(Connections newConnections) {
        return new VerifierConfig(
                host,
                port,
                maxRequestBytes,
                baseUrl,
                trustedProxies,
                rateLimitPerMinute,
                newConnections,
                metricsListener);
    }

    public VerifierConfig withMetricsListener(Optional<Listener> newMetricsListener) {
        return new VerifierConfig(
                host,
                port,
                maxRequestBytes,
                baseUrl,
                trustedProxies,
                rateLimitPerMinute,
                connections,
                newMetricsListener);
    }

    /**
     * Reads the settings: the defaults, then the properties file when given and present, then the environment
     * ({@link #ENVIRONMENT}), each overriding the one before.
     *
     * @throws CachetException (configuration) for an unreadable file or a value that does not parse
     */
    public static VerifierConfig load(Optional<Path> file, Map<String, String> environment) {
        Properties settings = settings(file, environment);
        if (settings.getProperty("metrics-bind") != null && settings.getProperty("metrics-port") == null) {
            throw CachetException.configuration("metrics-bind is set but metrics-port is not: /metrics gets a listener"
                    + " of its own only with a port (see docs/verifier.md)");
        }
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
                            "rate-limit-per-minute", String.valueOf(DEFAULT_RATE_LIMIT_PER_MINUTE))),
                    new Connections(
                            Integer.parseInt(settings.getProperty(
                                    "max-threads", String.valueOf(Connections.DEFAULT.maxThreads()))),
                            Integer.parseInt(settings.getProperty(
                                    "max-connections-per-address",
                                    String.valueOf(Connections.DEFAULT.maxPerAddress()))),
                            Long.parseLong(settings.getProperty(
                                    "min-request-bytes-per-second",
                                    String.valueOf(Connections.DEFAULT.minRequestBytesPerSecond()))),
                            java.time.Duration.ofSeconds(Long.parseLong(settings.getProperty(
                                    "idle-timeout-seconds",
                                    String.valueOf(
                                            Connections.DEFAULT.idleTimeout().toSeconds()))))),
                    Optional.ofNullable(settings.getProperty("metrics-port"))
                            .filter(value -> !value.isBlank())
                            .map(value -> new Listener(
                                    settings.getProperty("metrics-bind", "127.0.0.1"),
                                    Integer.parseInt(value.trim()))));
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

    /**
     * The status source of a verifier with trust material only: the office's signed status list at
     * {@code status-list-url} (http or https) or in {@code status-list-file} (file or {@code CACHET_STATUS_LIST_*}),
     * verified against the trust in use when it is read ({@code trust}); empty when neither is set (the status is then not checked).
     *
     * @throws CachetException (configuration) when both are set, or the address is not an http(s) URL
     */
    public static Optional<StatusListStatusSource> statusList(
            Optional<Path> file, Map<String, String> environment, Supplier<TrustStore> trust, Clock clock) {
        Properties settings = settings(file, environment);
        Optional<String> url =
                Optional.ofNullable(settings.getProperty("status-list-url")).filter(value -> !value.isBlank());
        Optional<String> listFile =
                Optional.ofNullable(settings.getProperty("status-list-file")).filter(value -> !value.isBlank());
        if (url.isPresent() && listFile.isPresent()) {
            throw CachetException.configuration("status-list-url and status-list-file are both set: set one of them"
                    + " (see docs/verifier.md, \"Certificate status without the registry\")");
        }
        if (url.isPresent()) {
            return Optional.of(StatusListStatusSource.url(url.get().trim(), trust, clock));
        }
        return listFile.map(value -> StatusListStatusSource.file(Path.of(value.trim()), trust, clock));
    }

    /**
     * The verifier's report signer, when {@code report-keystore} is set: the PKCS#12 keystore made by
     * {@code cachet keys add-verifier --out} (a key certified for reports only; an office key is refused), its
     * passphrase in {@code report-passphrase-file} (readable by its owner only), and the RFC 3161 authority that
     * timestamps the reports, {@code report-tsa-url}. All three, or none (then no signed reports: 501).
     */
    public static Optional<ReportPdf> reportSigner(Optional<Path> file, Map<String, String> environment) {
        Properties settings = settings(file, environment);
        Optional<String> keystore = setting(settings, "report-keystore");
        Optional<String> passphraseFile = setting(settings, "report-passphrase-file");
        Optional<String> tsaUrl = setting(settings, "report-tsa-url");
        if (keystore.isEmpty() && passphraseFile.isEmpty() && tsaUrl.isEmpty()) {
            return Optional.empty();
        }
        if (keystore.isEmpty() || passphraseFile.isEmpty() || tsaUrl.isEmpty()) {
            throw CachetException.configuration("signed reports need report-keystore, report-passphrase-file and"
                    + " report-tsa-url together (missing: "
                    + String.join(
                            ", ",
                            java.util.stream.Stream.of(
                                            keystore.isEmpty() ? "report-keystore" : null,
                                            passphraseFile.isEmpty() ? "report-passphrase-file" : null,
                                            tsaUrl.isEmpty() ? "report-tsa-url" : null)
                                    .filter(java.util.Objects::nonNull)
                                    .toList())
                    + "; see docs/verifier.md, \"Signed reports\")");
        }
        if (!tsaUrl.get().matches("https?://[^\\s]+")) {
            throw CachetException.configuration(
                    "report-tsa-url must be an http:// or https:// address, was " + tsaUrl.get());
        }
        char[] passphrase = KeystorePassphrase.fromFile(Path.of(passphraseFile.get()));
        try {
            SignerKey key = VerifierKeys.read(Path.of(keystore.get()), passphrase);
            return Optional.of(ReportPdf.signedWith(
                    key,
                    new HttpTimestampAuthority(java.net.URI.create(tsaUrl.get()), java.time.Duration.ofSeconds(10)),
                    TypeCatalog.loadBundled()));
        } finally {
            Arrays.fill(passphrase, '\0');
        }
    }

    private static Optional<String> setting(Properties settings, String name) {
        return Optional.ofNullable(settings.getProperty(name)).map(String::trim).filter(value -> !value.isEmpty());
    }

    /** The settings as read: the file when given and present, then the environment ({@link #ENVIRONMENT}). */
    static Properties settings(Optional<Path> file, Map<String, String> environment) {
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
