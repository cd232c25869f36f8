package io.cachet.core.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cachet.core.TestHomes;
import io.cachet.core.home.KeystorePassphrase;
import io.cachet.core.issue.IssuedCertificate;
import io.cachet.core.keys.Keystores;
import io.cachet.core.keys.SignerKey;
import io.cachet.core.report.Verdict;
import io.cachet.core.seal.CoseSign1;
import io.cachet.core.seal.QrCodes;
import io.cachet.core.seal.SealClaims;
import io.cachet.core.seal.SealClaimsCodec;
import io.cachet.core.seal.SealSigner;
import io.cachet.core.seal.SealText;
import io.cachet.core.services.CachetServices;
import io.cachet.core.types.CertificateType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With {@code status-list.uri} set, every seal carries its status list reference (claim 65535) with the index the
 * registry assigned, and every type's seal still fits QR version 15 (the sizes are in docs/seal-format.md §7).
 */
class SealStatusReferenceTest {
    static final String URI = "https://ofii.fr/sl";

    @TempDir
    static Path folder;

    static CachetServices services;

    @BeforeAll
    static void homeWithStatusUri() throws Exception {
        services = TestHomes.create(
                folder.resolve("home"), Clock.fixed(Instant.parse("2026-11-20T09:00:00Z"), ZoneOffset.UTC));
        Files.writeString(
                services.home().configFile(),
                "\n" + CachetServices.STATUS_LIST_URI_PROPERTY + "=" + URI + "\n",
                StandardOpenOption.APPEND);
    }

    @Test
    void everyTypesSealCarriesItsStatusIndexAndFitsQrVersion15() throws Exception {
        SignerKey key = Keystores.read(
                services.home().signerKeystore(),
                "PAR",
                KeystorePassphrase.resolve(services.home(), services.config(), Map.of()));
        for (CertificateType type : services.catalog().types()) {
            IssuedCertificate issued = services.issuance()
                    .issue(
                            type.id(),
                            new ObjectMapper().readTree(type.sampleJson()),
                            id -> folder.resolve(type.id() + "-" + id.value() + ".pdf"),
                            Locale.FRENCH);
            byte[] cose = SealText.decode(issued.seal(), SealText.CACHET_PREFIX).cose();
            SealClaims claims = SealClaimsCodec.decode(
                    io.cachet.core.seal.CwtClaims.parse(CoseSign1.parse(cose).payload()));

            assertThat(claims.status()).hasValueSatisfying(status -> {
                assertThat(status.uri()).isEqualTo(URI);
                assertThat(status.index())
                        .isEqualTo(services.registry()
                                .get(issued.id())
                                .statusIndex()
                                .orElseThrow());
            });
            // The largest index a list of this size has takes the most bytes (CBOR uint32): the worst case.
            SealClaims worst = new SealClaims(
                    claims.issuer(),
                    claims.id(),
                    claims.type(),
                    claims.issuedAt(),
                    claims.expiresAt(),
                    claims.holder(),
                    claims.fields(),
                    Optional.of(new SealClaims.StatusReference(Registry.MINIMUM_STATUS_LIST_SIZE - 1, URI)));
            String worstSeal = new SealSigner(key).sign(worst);
            assertThat(QrCodes.version(worstSeal))
                    .as("%s: the largest status index makes a seal of %d chars", type.id(), worstSeal.length())
                    .isLessThanOrEqualTo(15);
            assertThat(services.verification().verifyCode(issued.seal()).verdict())
                    .isEqualTo(Verdict.VALID);
        }
    }
}
