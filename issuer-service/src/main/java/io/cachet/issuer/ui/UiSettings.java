package io.cachet.issuer.ui;

import static java.util.Objects.requireNonNull;

import io.cachet.core.CachetException;
import io.cachet.issuer.SettingsSource;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The settings of the pages for agents (home's {@code cachet.properties}, overridden by the environment): the
 * service's client at the OpenID provider and the address the browser reaches the service at.
 *
 * @param clientId {@code issuer.oidc.client-id} / {@code CACHET_ISSUER_OIDC_CLIENT_ID}
 * @param clientSecret {@code issuer.oidc.client-secret} / {@code CACHET_ISSUER_OIDC_CLIENT_SECRET}, for a
 *     confidential client (a public client uses PKCE alone)
 * @param publicUrl {@code issuer.ui.url} / {@code CACHET_ISSUER_UI_URL}: the service's address as the browser sees it
 *     (the TLS proxy's), which the provider redirects back to at {@code /ui/callback}; https, or http on loopback
 * @param idleTimeout {@code issuer.ui.idle-minutes} / {@code CACHET_ISSUER_UI_IDLE_MINUTES}: a session unused this
 *     long is signed out (default 30 minutes, 5 to 480)
 */
public record UiSettings(String clientId, Optional<String> clientSecret, URI publicUrl, Duration idleTimeout) {
    public static final String CLIENT_ID = "issuer.oidc.client-id";
    public static final String CLIENT_SECRET = "issuer.oidc.client-secret";
    public static final String URL = "issuer.ui.url";
    public static final String IDLE_MINUTES = "issuer.ui.idle-minutes";
    static final Map<String, String> ENVIRONMENT = Map.of(
            CLIENT_ID, "CACHET_ISSUER_OIDC_CLIENT_ID",
            CLIENT_SECRET, "CACHET_ISSUER_OIDC_CLIENT_SECRET",
            URL, "CACHET_ISSUER_UI_URL",
            IDLE_MINUTES, "CACHET_ISSUER_UI_IDLE_MINUTES");
    static final int DEFAULT_IDLE_MINUTES = 30;

    public UiSettings {
        requireNonNull(clientId, "clientId is null");
        requireNonNull(clientSecret, "clientSecret is null");
        requireNonNull(publicUrl, "publicUrl is null");
        requireNonNull(idleTimeout, "idleTimeout is null");
    }

    /**
     * The pages' settings, or empty when {@code issuer.oidc.client-id} is not set (the service then serves the API
     * only).
     *
     * @throws CachetException (configuration) naming every malformed setting
     */
    public static Optional<UiSettings> from(Map<String, String> file, Map<String, String> environment) {
        SettingsSource settings = new SettingsSource(file, environment, ENVIRONMENT);
        Optional<String> clientId = settings.get(CLIENT_ID);
        if (clientId.isEmpty()) {
            return Optional.empty();
        }
        List<String> problems = new ArrayList<>();
        URI url = null;
        Optional<String> urlText = settings.get(URL);
        if (urlText.isEmpty()) {
            problems.add(
                    settings.describe(URL) + " is not set: the service's address as agents' browsers reach it (the TLS"
                            + " proxy's), e.g. https://issuer.ofii.example; the provider redirects to it at /ui/callback");
        } else {
            try {
                url = publicUrl(urlText.get());
            } catch (IllegalArgumentException e) {
                problems.add(settings.describe(URL) + ": " + e.getMessage());
            }
        }
        int minutes = DEFAULT_IDLE_MINUTES;
        Optional<String> idle = settings.get(IDLE_MINUTES);
        if (idle.isPresent()) {
            try {
                minutes = Integer.parseInt(idle.get());
                if (minutes < 5 || minutes > 480) {
                    problems.add(settings.describe(IDLE_MINUTES) + " must be 5 to 480 minutes, was " + minutes);
                }
            } catch (NumberFormatException e) {
                problems.add(
                        settings.describe(IDLE_MINUTES) + " must be a number of minutes, was '" + idle.get() + "'");
            }
        }
        if (!problems.isEmpty()) {
            throw CachetException.configuration(
                    "the issuing service's pages cannot start: " + String.join("; ", problems));
        }
        return Optional.of(
                new UiSettings(clientId.get(), settings.get(CLIENT_SECRET), url, Duration.ofMinutes(minutes)));
    }

    /** Where the provider sends the browser back with the authorization code. */
    public URI redirectUri() {
        return URI.create(base() + "/ui/callback");
    }

    /** The pages' start, where the provider's sign-out returns. */
    public URI signedOutUri() {
        return URI.create(base() + "/ui/signed-out");
    }

    /** Cookies are Secure when the browser reaches the service over https (always, outside a loopback test). */
    public boolean secureCookies() {
        return "https".equals(publicUrl.getScheme());
    }

    private String base() {
        String text = publicUrl.toString();
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }

    static URI publicUrl(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + text + "' is not a URL");
        }
        if (uri.getHost() == null || uri.getQuery() != null || uri.getFragment() != null) {
            throw new IllegalArgumentException("'" + text + "' is not a service address (https://host[:port][/path])");
        }
        boolean loopback =
                "localhost".equals(uri.getHost()) || "127.0.0.1".equals(uri.getHost()) || "[::1]".equals(uri.getHost());
        if (!"https".equals(uri.getScheme()) && !("http".equals(uri.getScheme()) && loopback)) {
            throw new IllegalArgumentException("'" + text + "' must be an https:// address (http:// only on this"
                    + " machine, for a test): session cookies are sent over TLS only");
        }
        return uri;
    }
}
