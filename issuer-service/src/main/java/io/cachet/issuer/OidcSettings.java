package io.cachet.issuer;

import static java.util.Objects.requireNonNull;

import io.cachet.core.CachetException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How the issuing service trusts the organisation's OpenID Connect provider: its issuer URL (keys from the
 * {@code jwks_uri} of its discovery document), the audience every token must name, and the claim that carries the
 * roles. Read from the home's {@code cachet.properties} ({@code HomeConfig#serviceSettings}), each setting overridden
 * by its environment variable.
 *
 * @param issuer the provider's issuer URL, exactly as its tokens' {@code iss} says it
 * @param audience required in every token's {@code aud}
 * @param rolesClaim the claim holding a JSON array of role names; a dotted path reaches into objects, as
 *     Keycloak's {@code realm_access.roles}
 */
public record OidcSettings(URI issuer, String audience, List<String> rolesClaim) {
    public static final String ISSUER = "issuer.oidc.issuer";
    public static final String AUDIENCE = "issuer.oidc.audience";
    public static final String ROLES_CLAIM = "issuer.oidc.roles-claim";
    static final Map<String, String> ENVIRONMENT = Map.of(
            ISSUER, "CACHET_ISSUER_OIDC_ISSUER",
            AUDIENCE, "CACHET_ISSUER_OIDC_AUDIENCE",
            ROLES_CLAIM, "CACHET_ISSUER_OIDC_ROLES_CLAIM");
    static final String DEFAULT_ROLES_CLAIM = "roles";
    private static final Pattern CLAIM_NAME = Pattern.compile("[A-Za-z0-9_:\\-]{1,64}");

    public OidcSettings {
        requireNonNull(issuer, "issuer is null");
        requireNonNull(audience, "audience is null");
        rolesClaim = List.copyOf(rolesClaim);
        if (rolesClaim.isEmpty()) {
            throw new IllegalArgumentException("the roles claim names no claim");
        }
    }

    /**
     * The settings from {@code file} (the home's {@code cachet.properties}) and {@code environment}, which wins.
     *
     * @throws CachetException (configuration) naming every missing or malformed setting
     */
    public static OidcSettings from(Map<String, String> file, Map<String, String> environment) {
        SettingsSource settings = new SettingsSource(file, environment, ENVIRONMENT);
        List<String> problems = new java.util.ArrayList<>();
        Optional<String> issuerText = settings.get(ISSUER);
        Optional<String> audience = settings.get(AUDIENCE);
        String rolesClaim = settings.get(ROLES_CLAIM).orElse(DEFAULT_ROLES_CLAIM);
        URI issuer = null;
        if (issuerText.isEmpty()) {
            problems.add(settings.describe(ISSUER)
                    + " is not set: the URL of the organisation's OpenID provider (its tokens'"
                    + " iss), e.g. https://login.example.org/realms/ofii");
        } else {
            try {
                issuer = issuerUri(issuerText.get());
            } catch (IllegalArgumentException e) {
                problems.add(settings.describe(ISSUER) + ": " + e.getMessage());
            }
        }
        if (audience.isEmpty()) {
            problems.add(
                    settings.describe(AUDIENCE) + " is not set: the audience the provider puts in tokens meant for this"
                            + " service (aud), e.g. cachet-issuer");
        }
        List<String> path = List.of(rolesClaim.split("\\.", -1));
        if (!path.stream().allMatch(name -> CLAIM_NAME.matcher(name).matches())) {
            problems.add(settings.describe(ROLES_CLAIM) + " '" + rolesClaim
                    + "' is not a claim name or a dotted path of claim"
                    + " names (letters, digits, _ : -), e.g. roles or realm_access.roles");
        }
        if (!problems.isEmpty()) {
            throw CachetException.configuration(
                    "the issuing service cannot authenticate its callers: " + String.join("; ", problems));
        }
        return new OidcSettings(issuer, audience.get(), path);
    }

    /** The roles claim as configured, e.g. {@code realm_access.roles}. */
    public String rolesClaimName() {
        return String.join(".", rolesClaim);
    }

    /**
     * An issuer URL: https, or http to a loopback address (a provider run beside the service for development); no
     * query or fragment (OpenID Connect Discovery §4).
     */
    static URI issuerUri(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + text + "' is not a URL");
        }
        if (uri.getHost() == null || uri.getQuery() != null || uri.getFragment() != null) {
            throw new IllegalArgumentException(
                    "'" + text + "' is not an issuer URL (https://host[/path], no query or fragment)");
        }
        boolean https = "https".equals(uri.getScheme());
        if (!https && !("http".equals(uri.getScheme()) && isLoopback(uri.getHost()))) {
            throw new IllegalArgumentException("'" + text + "' must be an https:// URL (http:// only to a provider on"
                    + " this machine, localhost or 127.0.0.1)");
        }
        return uri;
    }

    private static boolean isLoopback(String host) {
        try {
            return "localhost".equals(host) || InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
