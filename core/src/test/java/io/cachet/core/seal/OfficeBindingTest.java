package io.cachet.core.seal;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachet.core.TestKeys;
import io.cachet.core.keys.DevelopmentPki;
import io.cachet.core.keys.SignerKey;
import io.cachet.core.keys.TrustStore;
import io.cachet.core.report.ReasonCode;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A seal speaks for the office its key was certified for, and for no other. */
class OfficeBindingTest {
    private static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");

    @Test
    void aSealNamingAnotherOfficeThanItsKeysIsInvalid() {
        TestKeys keys = TestKeys.create(NOW.minus(1, ChronoUnit.DAYS));
        KeyPair lyonKeys = DevelopmentPki.newP256KeyPair();
        X509Certificate lyon = DevelopmentPki.officeCertificate(
                lyonKeys,
                "LYO",
                "Lyon",
                keys.root(),
                keys.rootKey(),
                true,
                NOW.minus(1, ChronoUnit.DAYS),
                "http://localhost/crl");
        // Lyon's own key, trusted under the same root, signs claims that say "issued by PAR".
        String forged = new SealSigner(new SignerKey("LYO", lyonKeys.getPrivate(), List.of(lyon, keys.root())))
                .sign(TestKeys.visaClaims(NOW, NOW.plus(365, ChronoUnit.DAYS)));
        TrustStore trust =
                TrustStore.of(List.of(keys.root()), List.of(keys.signer().certificate(), lyon));

        SealVerification verification = new SealVerifier(trust, SealVerifier.Policy.CACHET).verify(forged, NOW);

        assertThat(verification).isInstanceOf(SealVerification.Rejected.class);
        assertThat(((SealVerification.Rejected) verification).reason()).isEqualTo(ReasonCode.SIGNER_OFFICE_MISMATCH);
        assertThat(((SealVerification.Rejected) verification).detail())
                .contains("names office PAR")
                .contains("office LYO");
    }

    @Test
    void aSealOfTheKeysOwnOfficePassesTheCheck() {
        TestKeys keys = TestKeys.create(NOW.minus(1, ChronoUnit.DAYS));
        String seal = new SealSigner(keys.signer()).sign(TestKeys.visaClaims(NOW, NOW.plus(365, ChronoUnit.DAYS)));

        SealVerification verification = new SealVerifier(keys.trust(), SealVerifier.Policy.CACHET).verify(seal, NOW);

        assertThat(verification).isInstanceOf(SealVerification.Authentic.class);
        assertThat(verification.checks())
                .anySatisfy(check -> assertThat(check.name()).isEqualTo("seal.issuer"));
    }
}
