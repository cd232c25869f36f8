package io.cachet.issuer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The issuing service's token rules, against a provider served over real HTTP: only ES256 and RS256 JWS with a known
 * kid, the exact issuer, the audience, exp and nbf within 60 s of skew; keys from the discovery document's JWKS,
 * fetched again for an unknown kid at most once a minute.
 */
class TokenVerifierTest {
    private TestOpenIdProvider provider;
    private MovableClock clock;
    private TokenVerifier verifier;

    @BeforeEach
    void start() throws Exception {
        provider = TestOpenIdProvider.start();
        clock = new MovableClock(Instant.now());
        verifier = TokenVerifier.of(provider.settings(), clock);
    }

    @AfterEach
    void stop() {
        provider.close();
    }

    @Test
    void anEs256TokenGivesTheSubjectItsNameAndItsCachetRoles() throws Exception {
        Identity identity = verifier.verify(provider.es256(clock.instant(), claims -> {}));

        assertThat(identity.subject()).isEqualTo("f3a1c2d4-agent-0042");
        assertThat(identity.name()).hasValue("Camille Martin");
        assertThat(identity.roles()).containsExactly(Role.ISSUE);
        assertThat(identity.actor()).isEqualTo("oidc:f3a1c2d4-agent-0042 (Camille Martin)");
    }

    @Test
    void anRs256TokenOfASystemClientWithoutANameIsAccepted() throws Exception {
        Identity identity = verifier.verify(provider.rs256(
                clock.instant(),
                claims -> claims.claim("name", null)
                        .claim("preferred_username", "service-account-si-asile")
                        .claim("roles", List.of("cachet.issue", "cachet.read"))));

        assertThat(identity.name()).hasValue("service-account-si-asile");
        assertThat(identity.roles()).containsExactlyInAnyOrder(Role.ISSUE, Role.READ);
    }

    @Test
    void expiryAndNotBeforeAllowSixtySecondsOfSkewAndNoMore() throws Exception {
        Instant now = clock.instant();
        String expiredJustNow = provider.es256(now, claims -> claims.expirationTime(Date.from(now.minusSeconds(30))));
        String expired = provider.es256(now, claims -> claims.expirationTime(Date.from(now.minusSeconds(90))));
        String notYet = provider.es256(now, claims -> claims.notBeforeTime(Date.from(now.plusSeconds(90))));
        String almost = provider.es256(now, claims -> claims.notBeforeTime(Date.from(now.plusSeconds(30))));

        assertThat(verifier.verify(expiredJustNow).subject()).isNotBlank();
        assertThat(verifier.verify(almost).subject()).isNotBlank();
        assertRefused(expired, "Expired JWT");
        assertRefused(notYet, "before");
    }

    @Test
    void anotherAudienceOrIssuerIsRefused() throws Exception {
        Instant now = clock.instant();

        assertRefused(provider.es256(now, claims -> claims.audience("another-service")), "aud");
        assertRefused(provider.es256(now, claims -> claims.issuer(provider.issuer() + "/")), "iss");
        assertRefused(provider.es256(now, claims -> claims.subject(null)), "sub");
    }

    @Test
    void unsecuredHmacAndKeylessTokensAreRefused() throws Exception {
        Instant now = clock.instant();

        assertRefused(provider.unsecured(now), "not a signed JWT");
        assertRefused(provider.hs256(new byte[32], now), "refused");
        assertRefused(provider.withoutKid(now), "names no key (kid)");
        assertRefused("not.a.token", "not a signed JWT");
    }

    @Test
    void aTokenSignedByAKeyTheProviderDoesNotPublishIsRefused() throws Exception {
        ECKey stranger = new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();

        assertRefused(provider.signedWith(stranger, "ec-1", clock.instant()), "refused");
    }

    @Test
    void unknownKeyIdsMakeTheKeysFetchedAgainAtMostOnceAMinute() throws Exception {
        verifier.verify(provider.es256(clock.instant(), claims -> {}));
        assertThat(provider.jwksRequests()).isEqualTo(1);
        ECKey invented = new ECKeyGenerator(Curve.P_256).keyID("invented").generate();

        clock.advance(Duration.ofSeconds(61));
        for (int i = 0; i < 20; i++) {
            assertRefused(provider.signedWith(invented, "invented-" + i, clock.instant()), "refused");
        }
        assertThat(provider.jwksRequests())
                .as("one refetch for twenty unknown kids")
                .isEqualTo(2);

        ECKey rotated = provider.rotateIn("ec-2");
        assertRefused(provider.signedWith(rotated, "ec-2", clock.instant()), "refused");
        clock.advance(Duration.ofSeconds(61));
        assertThat(verifier.verify(provider.signedWith(rotated, "ec-2", clock.instant()))
                        .subject())
                .as("a key rotated in at the provider is found a minute later")
                .isNotBlank();
        assertThat(provider.jwksRequests()).isEqualTo(3);
    }

    @Test
    void theKeysInUseStayWhenTheProviderGoesDown() throws Exception {
        verifier.verify(provider.es256(clock.instant(), claims -> {}));
        provider.takeDown(true);
        clock.advance(ProviderKeys.TIME_TO_LIVE.plusMinutes(1));

        assertThat(verifier.verify(provider.es256(clock.instant(), claims -> {}))
                        .subject())
                .isNotBlank();
    }

    @Test
    void aProviderThatCannotBeReachedAtFirstMakesTokensUncheckableNotInvalid() throws Exception {
        provider.takeDown(true);

        assertThatThrownBy(() -> verifier.verify(provider.es256(clock.instant(), claims -> {})))
                .isInstanceOfSatisfying(
                        TokenVerifier.Refused.class,
                        refused -> assertThat(refused.providerUnavailable()).isTrue())
                .hasMessageContaining("HTTP 503");
        assertThat(verifier.ready()).isFalse();
    }

    @Test
    void aDiscoveryDocumentNamingAnotherIssuerIsNotFollowed() throws Exception {
        provider.announceIssuer("https://attacker.example/realms/ofii");

        assertThatThrownBy(() -> verifier.verify(provider.es256(clock.instant(), claims -> {})))
                .isInstanceOfSatisfying(
                        TokenVerifier.Refused.class,
                        refused -> assertThat(refused.providerUnavailable()).isTrue())
                .hasMessageContaining("not the configured");
    }

    @Test
    void rolesAreReadAtADottedPathAsKeycloakPutsThem() throws Exception {
        OidcSettings keycloak = new OidcSettings(
                java.net.URI.create(provider.issuer()), TestOpenIdProvider.AUDIENCE, List.of("realm_access", "roles"));
        TokenVerifier verifier = TokenVerifier.of(keycloak, clock);

        Identity identity = verifier.verify(provider.es256(
                clock.instant(),
                claims -> claims.claim("roles", null)
                        .claim("realm_access", Map.of("roles", List.of("cachet.manage", "uma_authorization")))));

        assertThat(identity.roles()).containsExactly(Role.MANAGE);
        assertThatThrownBy(() -> verifier.verify(provider.es256(
                        clock.instant(), claims -> claims.claim("realm_access", Map.of("roles", "cachet.manage")))))
                .isInstanceOf(TokenVerifier.Refused.class)
                .hasMessageContaining("realm_access.roles is not an array of strings");
    }

    @Test
    void settingsComeFromTheHomeAndTheEnvironmentAndNameEveryProblem() {
        Map<String, String> file = Map.of(
                OidcSettings.ISSUER, "https://login.example.org/realms/ofii", OidcSettings.AUDIENCE, "from-file");

        OidcSettings settings = OidcSettings.from(file, Map.of("CACHET_ISSUER_OIDC_AUDIENCE", "cachet-issuer"));

        assertThat(settings.audience()).isEqualTo("cachet-issuer");
        assertThat(settings.rolesClaimName()).isEqualTo("roles");
        assertThatThrownBy(() -> OidcSettings.from(
                        Map.of(),
                        Map.of(
                                "CACHET_ISSUER_OIDC_ISSUER", "http://login.example.org/realms/ofii",
                                "CACHET_ISSUER_OIDC_ROLES_CLAIM", "realm access.roles")))
                .hasMessageContaining("must be an https:// URL")
                .hasMessageContaining("issuer.oidc.audience (CACHET_ISSUER_OIDC_AUDIENCE) is not set")
                .hasMessageContaining("'realm access.roles' is not a claim name");
    }

    private void assertRefused(String token, String why) {
        assertThatThrownBy(() -> verifier.verify(token))
                .isInstanceOfSatisfying(
                        TokenVerifier.Refused.class,
                        refused -> assertThat(refused.providerUnavailable()).isFalse())
                .hasMessageContaining(why);
    }

    /** A clock the tests move: token times and the key cache follow it, nobody waits. */
    static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
