package io.cachet.core.issue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachet.core.CachetException;
import io.cachet.core.TestHomes;
import io.cachet.core.registry.CertificateId;
import io.cachet.core.registry.CertificateRecord;
import io.cachet.core.registry.CertificateStatus;
import io.cachet.core.registry.Registry;
import io.cachet.core.services.CachetServices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Correcting a certificate through core's {@link Reissuance}, as the CLI and the issuer service do. */
class ReissuanceTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-20T10:15:30Z"), ZoneOffset.UTC);

    @TempDir
    static Path folder;

    private static CachetServices services;

    @BeforeAll
    static void createHome() {
        services = TestHomes.create(folder.resolve("home"), CLOCK);
    }

    private static IssuedCertificate issue(String name) {
        return services.issuance()
                .issue(
                        "visa-validation",
                        TestHomes.sample(services, "visa-validation"),
                        folder.resolve(name),
                        Locale.FRENCH);
    }

    private static Reissuance.Request correction(CertificateId old, Path out) {
        ObjectNode corrected = (ObjectNode) TestHomes.sample(services, "visa-validation");
        return new Reissuance.Request(old, corrected, id -> out, Locale.FRENCH, "agent-7");
    }

    @Test
    void theCorrectionSupersedesTheEarlierCertificateAndPointsBackToIt() {
        IssuedCertificate earlier = issue("earlier.pdf");
        Path out = folder.resolve("corrected.pdf");

        Reissuance.Result result = services.reissuance().reissue(correction(earlier.id(), out));

        assertThat(result.superseded()).isEqualTo(earlier.id());
        assertThat(result.issued().file()).isEqualTo(out).exists();
        assertThat(result.issued().type()).isEqualTo("visa-validation");
        CertificateRecord old = services.registry().get(earlier.id());
        assertThat(old.status()).isEqualTo(CertificateStatus.SUPERSEDED);
        assertThat(old.supersededBy()).contains(result.issued().id());
        CertificateRecord corrected = services.registry().get(result.issued().id());
        assertThat(corrected.status()).isEqualTo(CertificateStatus.VALID);
        assertThat(corrected.supersedes()).contains(earlier.id());
    }

    @Test
    void aRevokedCertificateIsNotReissuedAndNothingIsWritten() {
        IssuedCertificate earlier = issue("revoked.pdf");
        services.registry()
                .change(earlier.id(), Registry.Change.REVOKE, "agent-7", Optional.of("fraud"), CLOCK.instant());
        Path out = folder.resolve("not-written.pdf");

        assertThatThrownBy(() -> services.reissuance().reissue(correction(earlier.id(), out)))
                .isInstanceOfSatisfying(
                        CachetException.class, e -> assertThat(e.kind()).isEqualTo(CachetException.Kind.CONFLICT))
                .hasMessageContaining("cannot be reissued");
        assertThat(Files.exists(out)).isFalse();
    }

    @Test
    void aSupersededCertificateIsNotReissuedTwice() {
        IssuedCertificate earlier = issue("twice.pdf");
        services.reissuance().reissue(correction(earlier.id(), folder.resolve("first-correction.pdf")));

        assertThatThrownBy(() -> services.reissuance()
                        .reissue(correction(earlier.id(), folder.resolve("second-correction.pdf"))))
                .isInstanceOfSatisfying(
                        CachetException.class, e -> assertThat(e.kind()).isEqualTo(CachetException.Kind.CONFLICT))
                .hasMessageContaining("superseded");
    }

    @Test
    void anUnknownCertificateIsNotFound() {
        CertificateId unknown = CertificateId.random();

        assertThatThrownBy(() -> services.reissuance().reissue(correction(unknown, folder.resolve("unknown.pdf"))))
                .isInstanceOfSatisfying(
                        CachetException.class, e -> assertThat(e.kind()).isEqualTo(CachetException.Kind.NOT_FOUND));
    }
}
