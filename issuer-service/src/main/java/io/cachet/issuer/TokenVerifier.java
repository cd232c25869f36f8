package io.cachet.issuer;

import static java.util.Objects.requireNonNull;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.text.ParseException;
import java.time.Clock;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Verifies the bearer tokens of the organisation's OpenID provider, locally, with Nimbus JOSE + JWT: a JWS signed
 * ES256 or RS256 (never {@code none}, never HMAC) with a key of the provider's JWKS named by its {@code kid}; {@code
 * iss} exactly the configured issuer; the configured audience in {@code aud}; {@code exp} in the future and {@code
 * nbf}, when present, in the past, with at most {@link #MAX_CLOCK_SKEW_SECONDS} of clock skew; a {@code sub}. The
 * Cachet roles come from the configured claim.
 */
public final class TokenVerifier {
    static final int MAX_CLOCK_SKEW_SECONDS = 60;
    /** A token larger than this is refused before it is parsed. */
    static final int MAX_TOKEN_CHARS = 16 * 1024;

    /** Why a token was refused: 401 for the caller, or 503 when the provider's keys cannot be had. */
    public static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        private final boolean providerUnavailable;

        Refused(String message, boolean providerUnavailable) {
            super(message);
            this.providerUnavailable = providerUnavailable;
        }

        /** True when the token could not be checked because the provider's keys could not be read. */
        public boolean providerUnavailable() {
            return providerUnavailable;
        }
    }

    private final OidcSettings settings;
    private final ProviderKeys keys;
    private final DefaultJWTProcessor<SecurityContext> processor;

    TokenVerifier(OidcSettings settings, ProviderKeys keys, Clock clock) {
        this.settings = requireNonNull(settings, "settings is null");
        this.keys = requireNonNull(keys, "keys is null");
        requireNonNull(clock, "clock is null");
        this.processor = processor(settings, keys, clock);
    }

    /** A verifier of the tokens of the provider {@code settings} names, fetching its keys when first needed. */
    public static TokenVerifier of(OidcSettings settings, Clock clock) {
        return new TokenVerifier(settings, new ProviderKeys(settings.issuer(), new ProviderDocuments(), clock), clock);
    }

    /** Who the token says is calling, once it verified. */
    public Identity verify(String token) throws Refused {
        requireNonNull(token, "token is null");
        if (token.length() > MAX_TOKEN_CHARS) {
            throw new Refused("the token is longer than " + MAX_TOKEN_CHARS + " characters", false);
        }
        SignedJWT jwt;
        try {
            jwt = SignedJWT.parse(token);
        } catch (ParseException e) {
            throw new Refused("the token is not a signed JWT (" + e.getMessage() + ")", false);
        }
        if (jwt.getHeader().getKeyID() == null) {
            throw new Refused("the token's header names no key (kid)", false);
        }
        JWTClaimsSet claims;
        try {
            claims = processor.process(jwt, null);
        } catch (KeySourceException e) {
            throw new Refused(e.getMessage(), true);
        } catch (BadJOSEException | JOSEException e) {
            throw new Refused("the token was refused: " + e.getMessage(), false);
        }
        return identity(claims);
    }

    /** The provider's settings this verifier follows. */
    public OidcSettings settings() {
        return settings;
    }

    /** The provider's signing keys (for ID tokens as well as access tokens). */
    public JWKSource<SecurityContext> providerKeys() {
        return keys;
    }

    /** True once the provider's keys were read. */
    public boolean ready() {
        return keys.ready();
    }

    /** Tries to read the provider's keys now (at most once a minute); true when they could be. */
    public boolean warmUp() {
        return keys.warmUp();
    }

    private Identity identity(JWTClaimsSet claims) throws Refused {
        Optional<String> name;
        Set<Role> roles = EnumSet.noneOf(Role.class);
        try {
            name = Optional.ofNullable(claims.getStringClaim("name"))
                    .or(() -> optionalString(claims, "preferred_username"))
                    .map(String::strip)
                    .filter(value -> !value.isEmpty() && value.length() <= Identity.MAX_LENGTH);
            for (String value : rolesOf(claims)) {
                Role.ofClaimValue(value).ifPresent(roles::add);
            }
        } catch (ParseException e) {
            throw new Refused("the token's claims are not of the expected types: " + e.getMessage(), false);
        }
        try {
            return new Identity(claims.getSubject(), name, roles);
        } catch (IllegalArgumentException e) {
            throw new Refused("the token's sub is not usable: " + e.getMessage(), false);
        }
    }

    /** The roles claim: a JSON array of strings, reached by the configured path; absent means no role. */
    private List<String> rolesOf(JWTClaimsSet claims) throws ParseException {
        List<String> path = settings.rolesClaim();
        Object value = claims.getClaim(path.get(0));
        for (String name : path.subList(1, path.size())) {
            value = value instanceof Map<?, ?> object ? object.get(name) : null;
        }
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list) || !list.stream().allMatch(String.class::isInstance)) {
            throw new ParseException(settings.rolesClaimName() + " is not an array of strings", 0);
        }
        return list.stream().map(String.class::cast).toList();
    }

    private static Optional<String> optionalString(JWTClaimsSet claims, String name) {
        try {
            return Optional.ofNullable(claims.getStringClaim(name));
        } catch (ParseException e) {
            return Optional.empty();
        }
    }

    private static DefaultJWTProcessor<SecurityContext> processor(
            OidcSettings settings, JWKSource<SecurityContext> keys, Clock clock) {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        // Plain JWTs and RFC 9068 access tokens; a token without typ is accepted, as most providers send none.
        processor.setJWSTypeVerifier(
                new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT, new JOSEObjectType("at+jwt"), null));
        processor.setJWSKeySelector(
                new JWSVerificationKeySelector<>(Set.of(JWSAlgorithm.ES256, JWSAlgorithm.RS256), keys));
        DefaultJWTClaimsVerifier<SecurityContext> claims =
                new DefaultJWTClaimsVerifier<>(
                        Set.of(settings.audience()),
                        new JWTClaimsSet.Builder()
                                .issuer(settings.issuer().toString())
                                .build(),
                        Set.of("iss", "aud", "sub", "exp"),
                        Set.of()) {
                    @Override
                    protected Date currentTime() {
                        return Date.from(clock.instant());
                    }
                };
        claims.setMaxClockSkew(MAX_CLOCK_SKEW_SECONDS);
        processor.setJWTClaimsSetVerifier(claims);
        return processor;
    }
}
