package io.cachet.core.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachet.core.TestHomes;
import io.cachet.core.home.CachetHome;
import io.cachet.core.issue.IssuedCertificate;
import io.cachet.core.keys.Pem;
import io.cachet.core.keys.SignerKey;
import io.cachet.core.keys.TrustList;
import io.cachet.core.keys.TrustStore;
import io.cachet.core.report.Check;
import io.cachet.core.report.ReasonCode;
import io.cachet.core.report.Verdict;
import io.cachet.core.report.VerificationReport;
import io.cachet.core.seal.Holder;
import io.cachet.core.seal.SealClaims;
import io.cachet.core.seal.SealSigner;
import io.cachet.core.services.CachetServices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Once a key is revoked, the issue time a seal states proves nothing; only a record in the issuer's
 * registry or a timestamp made before the revocation keeps what the key signed VALID (docs/keys.md).
 */
class RevokedKeyTest {
    private static final Instant ISSUED = Instant.parse("2026-02-01T09:00:00Z");
    private static final Instant SINCE = Instant.parse("2026-02-10T00:00:00Z");
    private static final Instant CHECKED = Instant.parse("2026-03-02T12:00:00Z");

    @TempDir
    static Path folder;

    static CachetServices later;
    static IssuedCertificate genuine;
    static String backdated;
    static String backdatedWithTheGenuineId;
    static TrustStore trustList;

    @BeforeAll
    static void issueThenStealTheKeyThenRevokeIt() throws Exception {
        Path home = folder.resolve("home");
        CachetServices early = TestHomes.create(home, Clock.fixed(ISSUED, ZoneOffset.UTC));
        genuine = early.issuance()
                .issue(
                        "visa-validation",
                        TestHomes.sample(early, "visa-validation"),
                        folder.resolve("genuine.pdf"),
                        Locale.FRENCH);
        SignerKey stolen = early.keys().activeSigner("PAR");

        later = new CachetServices(
                new CachetHome(home), Optional.empty(), Map.of(), Clock.fixed(CHECKED, ZoneOffset.UTC));
        later.keys().revoke(stolen.kid().hex(), "compromise", SINCE);

        // Made with the stolen key after the revocation, but dated before it.
        SealClaims claims = new SealClaims(
                "PAR",
                "7K2M-9QXH-4TWD-R8NB-5",
                "visa-validation",
                Instant.parse("2026-02-05T10:00:00Z"),
                Optional.of(Instant.parse("2027-02-05T10:00:00Z")),
                new Holder("FORGED", "Mallory", "1980-01-01"),
                Map.of("vn", "FRA0000001", "vc", "salarié", "vd", "2026-01-14"));
        backdated = new SealSigner(stolen).sign(claims);
        backdatedWithTheGenuineId = new SealSigner(stolen)
                .sign(new SealClaims(
                        "PAR",
                        genuine.id().value(),
                        claims.type(),
                        claims.issuedAt(),
                        claims.expiresAt(),
                        claims.holder(),
                        claims.fields()));

        String exported = later.keys().exportTrustList(Duration.ofDays(7));
        trustList = TrustList.read(
                        exported,
                        Pem.readCertificates(later.home().rootCertificate()).get(0),
                        CHECKED)
                .trust();
    }

    /** What `cachet verify --code … --trust-list … --root …` builds: trust material, no registry. */
    private static VerificationService trustListOnly() {
        return new VerificationService(trustList, later.clock());
    }

    private static VerificationService withRegistry() {
        return later.verification();
    }

    @Test
    void backdatedSealFromARevokedKeyIsKeyRevokedWithTheTrustListAlone() {
        VerificationReport report = trustListOnly().verifyCode(backdated);

        assertThat(report.verdict()).as("%s", report.checks()).isEqualTo(Verdict.INVALID);
        assertThat(report.reasons()).containsExactly(ReasonCode.KEY_REVOKED);
        assertThat(report.certificate()).isEmpty();
        assertThat(failed(report, "seal.key-revocation").detail())
                .contains("nothing other than the seal proves it was made before");
    }

    @Test
    void backdatedSealUnknownToTheRegistryIsKeyRevoked() {
        VerificationReport report = withRegistry().verifyCode(backdated);

        assertThat(report.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(report.reasons()).contains(ReasonCode.KEY_REVOKED);
        assertThat(report.certificate()).isEmpty();
    }

    @Test
    void backdatedSealReusingARecordedIdIsNotSavedByThatRecord() {
        VerificationReport report = withRegistry().verifyCode(backdatedWithTheGenuineId);

        assertThat(report.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(report.reasons()).contains(ReasonCode.KEY_REVOKED);
    }

    @Test
    void sealRecordedInTheRegistryBeforeTheRevocationStaysValid() {
        VerificationReport report = withRegistry().verifyCode(genuine.seal());

        assertThat(report.verdict()).as("%s", report.checks()).isEqualTo(Verdict.VALID);
        assertThat(report.checks())
                .filteredOn(check -> check.name().equals("seal.key-revocation"))
                .singleElement()
                .satisfies(check -> assertThat(check.detail()).contains("the issuer's registry record"));
    }

    @Test
    void sealMadeBeforeTheRevocationWithoutAnyProofIsNotValid() {
        // Deliberate: the seal's own issue time proves nothing once the key is revoked (docs/keys.md).
        VerificationReport report = trustListOnly().verifyCode(genuine.seal());

        assertThat(report.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(report.reasons()).containsExactly(ReasonCode.KEY_REVOKED);
    }

    @Test
    void pdfWhoseSignatureTimestampPrecedesTheRevocationStaysValid() throws Exception {
        VerificationReport report = trustListOnly().verifyPdf(Files.readAllBytes(genuine.file()));

        // Authentic, nothing against it; with trust material only, its status was not checked.
        assertThat(report.statusNotChecked()).as("%s", report.checks()).isTrue();
        assertThat(report.checks())
                .filteredOn(check -> check.name().equals("seal.key-revocation"))
                .singleElement()
                .satisfies(check -> assertThat(check.detail()).contains("the PDF's signature timestamp"));
    }

    private static Check failed(VerificationReport report, String name) {
        return report.checks().stream()
                .filter(check -> check.name().equals(name) && check.outcome() == Check.Outcome.FAILED)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no failed " + name + " in " + report.checks()));
    }
}
