package io.cachet.web;

import static java.util.Objects.requireNonNull;

import io.cachet.core.CachetException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * How a running verifier keeps its trust current (docs/verifier.md, "Trust changes without restart").
 *
 * @param reloadPeriod how often a trust folder or a trust list file is read again ({@code trust-reload-seconds})
 * @param listUrl the address of a signed trust list to follow instead ({@code trust-list-url}), if any
 * @param listRefresh how often that address is fetched again ({@code trust-list-refresh-seconds}); sooner when the
 *     list in use expires before
 */
public record TrustSettings(Duration reloadPeriod, Optional<String> listUrl, Duration listRefresh) {
    public static final Duration DEFAULT_RELOAD_PERIOD = Duration.ofSeconds(5);
    public static final Duration MIN_RELOAD_PERIOD = Duration.ofSeconds(1);
    public static final Duration DEFAULT_LIST_REFRESH = Duration.ofMinutes(5);

    /** The shortest refresh of a list at an address: a setting below it must not make the verifier hammer it. */
    public static final Duration MIN_LIST_REFRESH = Duration.ofSeconds(5);

    public TrustSettings {
        requireNonNull(reloadPeriod, "reloadPeriod is null");
        requireNonNull(listUrl, "listUrl is null");
        requireNonNull(listRefresh, "listRefresh is null");
        if (reloadPeriod.compareTo(MIN_RELOAD_PERIOD) < 0) {
            throw new IllegalArgumentException("trust-reload-seconds must be at least " + MIN_RELOAD_PERIOD.toSeconds()
                    + ", was " + reloadPeriod.toSeconds());
        }
        if (listRefresh.compareTo(MIN_LIST_REFRESH) < 0) {
            throw new IllegalArgumentException("trust-list-refresh-seconds must be at least "
                    + MIN_LIST_REFRESH.toSeconds() + ", was " + listRefresh.toSeconds());
        }
    }

    public static final TrustSettings DEFAULT =
            new TrustSettings(DEFAULT_RELOAD_PERIOD, Optional.empty(), DEFAULT_LIST_REFRESH);

    /** The same settings following the list at {@code url} (e.g. {@code --trust-list-url}). */
    public TrustSettings withListUrl(String url) {
        return new TrustSettings(reloadPeriod, Optional.of(url), listRefresh);
    }

    /**
     * Reads {@code trust-reload-seconds}, {@code trust-list-url} and {@code trust-list-refresh-seconds} from the file
     * or their {@code CACHET_*} variables.
     *
     * @throws CachetException (configuration) for a value that does not parse or is out of range
     */
    public static TrustSettings load(Optional<Path> file, Map<String, String> environment) {
        Properties settings = VerifierConfig.settings(file, environment);
        try {
            return new TrustSettings(
                    seconds(settings, "trust-reload-seconds", DEFAULT_RELOAD_PERIOD),
                    Optional.ofNullable(settings.getProperty("trust-list-url"))
                            .map(String::strip)
                            .filter(value -> !value.isEmpty()),
                    seconds(settings, "trust-list-refresh-seconds", DEFAULT_LIST_REFRESH));
        } catch (IllegalArgumentException e) {
            throw CachetException.configuration("invalid verifier setting: " + e.getMessage()
                    + " (see docs/verifier.md, \"Trust changes without restart\")");
        }
    }

    private static Duration seconds(Properties settings, String name, Duration fallback) {
        String value = settings.getProperty(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Duration.ofSeconds(Long.parseLong(value.strip()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number of seconds, was '" + value + "'");
        }
    }
}
