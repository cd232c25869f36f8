package io.cachet.issuer;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.io.IOException;
import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The provider's signing keys: the JWKS at the {@code jwks_uri} of its discovery document
 * ({@code ISSUER/.well-known/openid-configuration}, whose {@code issuer} must be exactly the configured one). The set
 * is kept {@link #TIME_TO_LIVE}; a token naming a key the set does not hold makes it fetched again, at most once
 * every {@link #MIN_REFETCH} whatever callers send, so that tokens with invented key ids cannot make the service
 * hammer the provider. A provider that cannot be reached leaves the last set in use.
 */
final class ProviderKeys implements JWKSource<SecurityContext> {
    static final Duration TIME_TO_LIVE = Duration.ofMinutes(15);
    static final Duration MIN_REFETCH = Duration.ofMinutes(1);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI issuer;
    private final ProviderDocuments documents;
    private final Clock clock;
    private Optional<URI> jwksUri = Optional.empty();
    private Optional<JWKSet> keys = Optional.empty();
    private Instant fetchedAt = Instant.MIN;
    private Instant triedAt = Instant.MIN;
    private int fetches;

    ProviderKeys(URI issuer, ProviderDocuments documents, Clock clock) {
        this.issuer = requireNonNull(issuer, "issuer is null");
        this.documents = requireNonNull(documents, "documents is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public synchronized List<JWK> get(JWKSelector selector, SecurityContext context) throws KeySourceException {
        Instant now = clock.instant();
        if (keys.isEmpty() || now.isAfter(fetchedAt.plus(TIME_TO_LIVE))) {
            refetch(now);
        }
        List<JWK> matches = keys.map(selector::select).orElse(List.of());
        if (matches.isEmpty() && !now.isBefore(triedAt.plus(MIN_REFETCH))) {
            refetch(now); // perhaps a key the provider rotated in since
            matches = keys.map(selector::select).orElse(List.of());
        }
        return matches;
    }

    /** How many times the key set was fetched (for /health and tests). */
    synchronized int fetches() {
        return fetches;
    }

    /** Fetches the key set if none is held yet (at most once a minute); true when one is held. */
    synchronized boolean warmUp() {
        if (keys.isEmpty()) {
            try {
                refetch(clock.instant());
            } catch (KeySourceException e) {
                return false;
            }
        }
        return keys.isPresent();
    }

    /** True once a key set was fetched: the service can authenticate callers. */
    synchronized boolean ready() {
        return keys.isPresent();
    }

    /**
     * Fetches the key set now, unless it was tried less than {@link #MIN_REFETCH} ago; keeps the last one when the
     * provider fails, unless there is none (then callers cannot be authenticated: the caller learns why).
     */
    private void refetch(Instant now) throws KeySourceException {
        if (now.isBefore(triedAt.plus(MIN_REFETCH)) && keys.isPresent()) {
            return;
        }
        triedAt = now;
        try {
            URI uri = jwksUri.isPresent() ? jwksUri.get() : discover();
            jwksUri = Optional.of(uri);
            JWKSet set = JWKSet.parse(documents.get(uri));
            fetches++;
            keys = Optional.of(set.toPublicJWKSet());
            fetchedAt = now;
        } catch (IOException | ParseException | IllegalArgumentException e) {
            if (keys.isEmpty()) {
                throw new KeySourceException("the OpenID provider's keys cannot be read: " + e.getMessage(), e);
            }
            // The last good set stays in use; the failure shows in /health through the age of the set.
        }
    }

    /** The {@code jwks_uri} of the discovery document, after checking that it names this issuer. */
    private URI discover() throws IOException {
        String base = issuer.toString().endsWith("/")
                ? issuer.toString().substring(0, issuer.toString().length() - 1)
                : issuer.toString();
        URI location = URI.create(base + "/.well-known/openid-configuration");
        JsonNode document = JSON.readTree(documents.get(location));
        if (document == null || !document.isObject()) {
            throw new IOException(location + " is not a JSON object");
        }
        if (!document.path("issuer").asText().equals(issuer.toString())) {
            throw new IOException(location + " names the issuer '"
                    + document.path("issuer").asText() + "', not the configured '" + issuer + "'");
        }
        if (!document.path("jwks_uri").isTextual()) {
            throw new IOException(location + " has no jwks_uri");
        }
        return OidcSettings.issuerUri(document.path("jwks_uri").asText());
    }
}
