package io.cachet.core.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cachet.core.CachetException;
import io.cachet.core.TestHomes;
import io.cachet.core.budget.Cancellation;
import io.cachet.core.issue.IssueOptions;
import io.cachet.core.issue.IssuedCertificate;
import io.cachet.core.registry.Registry;
import io.cachet.core.registry.RegistryLocation;
import io.cachet.core.report.Check;
import io.cachet.core.report.ReasonCode;
import io.cachet.core.report.StatusFacts;
import io.cachet.core.report.Verdict;
import io.cachet.core.report.VerificationReport;
import io.cachet.core.services.CachetServices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The status at a date, read from a real SQLite registry's events: "was this certificate valid on that date?" before
 * and after a revocation, a suspension and its reinstatement, a correction; at a date when it had expired, before it
 * was issued; never in the future; and never answered without a registry.
 */
class StatusAtDateTest {
    private static final Instant T0 = Instant.parse("2026-01-10T09:00:00Z");
    private static final AtomicInteger FILES = new AtomicInteger();

    @TempDir
    Path folder;

    StatusListVerificationTest.MovableClock clock;
    CachetServices services;

    @BeforeEach
    void createHome() {
        clock = new StatusListVerificationTest.MovableClock(T0);
        services = TestHomes.create(folder.resolve("home"), clock);
    }

    @Test
    void beforeItsRevocationARevokedCertificateWasValidAndAfterItRevokedWithTheRecordedReason() {
        IssuedCertificate issued = issue();
        clock.set(day(2));
        services.registry()
                .change(issued.id(), Registry.Change.REVOKE, "agent", Optional.of("fraude documentaire"), day(2));
        clock.set(day(5));

        VerificationReport before = verify(issued, day(1));
        VerificationReport after = verify(issued, day(3));

        assertThat(before.verdict()).as("%s", before.checks()).isEqualTo(Verdict.VALID);
        assertThat(before.statusAt()).contains(day(1));
        assertThat(before.status()).hasValueSatisfying(facts -> {
            assertThat(facts.at()).isEqualTo(day(1));
            assertThat(facts.status()).isEqualTo(StatusFacts.Status.VALID);
            assertThat(facts.events()).extracting(StatusFacts.Event::kind).containsExactly("ISSUED");
        });
        assertThat(skipped(before, "registry.status").detail()).contains("now CERTIFICATE_REVOKED");
        assertThat(after.verdict()).isEqualTo(Verdict.REVOKED);
        assertThat(after.reasons()).containsExactly(ReasonCode.CERTIFICATE_REVOKED);
        assertThat(after.status().orElseThrow().status()).isEqualTo(StatusFacts.Status.REVOKED);
        assertThat(after.status().orElseThrow().decidingEvent()).hasValueSatisfying(event -> {
            assertThat(event.kind()).isEqualTo("REVOKED");
            assertThat(event.at()).isEqualTo(day(2));
            assertThat(event.reason()).contains("fraude documentaire");
        });
        assertThat(failed(after, "status-at.status").detail()).doesNotContain("fraude");
    }

    @Test
    void aRevokedCertificateVerifiedNowSaysWhenAndWhy() {
        IssuedCertificate issued = issue();
        services.registry()
                .change(issued.id(), Registry.Change.REVOKE, "agent", Optional.of("fraude documentaire"), day(2));
        clock.set(day(5));

        VerificationReport now = services.verification().verifyCode(issued.seal());

        assertThat(now.verdict()).isEqualTo(Verdict.REVOKED);
        assertThat(now.statusAt()).isEmpty();
        assertThat(now.status()).hasValueSatisfying(facts -> {
            assertThat(facts.at()).isEqualTo(day(5));
            assertThat(facts.status()).isEqualTo(StatusFacts.Status.REVOKED);
            assertThat(facts.decidingEvent().orElseThrow().reason()).contains("fraude documentaire");
            assertThat(facts.decidingEvent().orElseThrow().at()).isEqualTo(day(2));
        });
        assertThat(now.checks()).extracting(Check::detail).noneMatch(detail -> detail.contains("fraude"));
    }

    @Test
    void aValidCertificateVerifiedNowCarriesNoStatusFacts() {
        IssuedCertificate issued = issue();

        VerificationReport now = services.verification().verifyCode(issued.seal());

        assertThat(now.verdict()).isEqualTo(Verdict.VALID);
        assertThat(now.status()).isEmpty();
        assertThat(now.statusAt()).isEmpty();
    }

    @Test
    void aSuspendedThenReinstatedCertificateWasSuspendedOnlyBetweenTheTwo() {
        IssuedCertificate issued = issue();
        services.registry()
                .change(issued.id(), Registry.Change.SUSPEND, "agent", Optional.of("enquête en cours"), day(1));
        services.registry().change(issued.id(), Registry.Change.REINSTATE, "agent", Optional.empty(), day(3));
        clock.set(day(4));

        VerificationReport beforeSuspension = verify(issued, day(1).minusSeconds(1));
        VerificationReport suspended = verify(issued, day(2));
        VerificationReport reinstated = verify(issued, day(3).plusSeconds(1));

        assertThat(beforeSuspension.verdict()).isEqualTo(Verdict.VALID);
        assertThat(suspended.verdict()).isEqualTo(Verdict.SUSPENDED);
        assertThat(suspended
                        .status()
                        .orElseThrow()
                        .decidingEvent()
                        .orElseThrow()
                        .reason())
                .contains("enquête en cours");
        assertThat(reinstated.verdict()).as("%s", reinstated.checks()).isEqualTo(Verdict.VALID);
        assertThat(reinstated.status().orElseThrow().events())
                .extracting(StatusFacts.Event::kind)
                .containsExactly("ISSUED", "REINSTATED");
    }

    @Test
    void anEventAtTheVeryInstantAskedHasHappened() {
        IssuedCertificate issued = issue();
        services.registry().change(issued.id(), Registry.Change.SUSPEND, "agent", Optional.empty(), day(1));
        clock.set(day(2));

        assertThat(verify(issued, day(1)).verdict()).isEqualTo(Verdict.SUSPENDED);
        assertThat(verify(issued, day(1).minusMillis(1)).verdict()).isEqualTo(Verdict.VALID);
    }

    @Test
    void aCorrectedCertificateWasSupersededFromItsCorrectionAndNamesItsSuccessor() {
        IssuedCertificate old = issue();
        clock.set(day(2));
        IssuedCertificate corrected = services.issuance()
                .issue(
                        "visa-validation",
                        TestHomes.sample(services, "visa-validation"),
                        id -> folder.resolve("corrected.pdf"),
                        Locale.FRENCH,
                        new IssueOptions("agent", Optional.empty(), Optional.of(old.id())));
        clock.set(day(4));

        VerificationReport before = verify(old, day(1));
        VerificationReport after = verify(old, day(3));
        VerificationReport now = services.verification().verifyCode(old.seal());

        assertThat(before.verdict()).isEqualTo(Verdict.VALID);
        assertThat(after.verdict()).isEqualTo(Verdict.SUPERSEDED);
        assertThat(failed(after, "status-at.status").detail())
                .contains(corrected.id().value());
        assertThat(after.status().orElseThrow().decidingEvent()).hasValueSatisfying(event -> {
            assertThat(event.kind()).isEqualTo("SUPERSEDED");
            assertThat(event.related()).contains(corrected.id().value());
        });
        assertThat(now.status().orElseThrow().decidingEvent().orElseThrow().related())
                .contains(corrected.id().value());
    }

    @Test
    void expiryIsJudgedAtTheDateAsked() {
        IssuedCertificate issued = issue(); // a visa validation is valid one year
        clock.set(T0.plus(Duration.ofDays(400)));

        VerificationReport now = services.verification().verifyCode(issued.seal());
        VerificationReport withinItsYear = verify(issued, day(300));
        VerificationReport afterItsYear = verify(issued, day(380));

        assertThat(now.verdict()).isEqualTo(Verdict.EXPIRED);
        assertThat(withinItsYear.verdict()).as("%s", withinItsYear.checks()).isEqualTo(Verdict.VALID);
        assertThat(afterItsYear.verdict()).isEqualTo(Verdict.EXPIRED);
        assertThat(failed(afterItsYear, "seal.expiry").detail()).contains("before the status-at date");
    }

    @Test
    void beforeItsIssueACertificateWasNotValid() {
        clock.set(day(1));
        IssuedCertificate issued = issue();
        clock.set(day(2));

        VerificationReport report = verify(issued, T0);

        assertThat(report.verdict()).isEqualTo(Verdict.NOT_YET_ISSUED);
        assertThat(report.verdict().exitCode()).isEqualTo(2);
        assertThat(report.reasons()).containsExactly(ReasonCode.NOT_YET_ISSUED);
        assertThat(report.certificate()).isPresent();
        assertThat(failed(report, "status-at.issued").detail()).contains("after the status-at date " + T0);
        assertThat(report.status()).hasValueSatisfying(facts -> {
            assertThat(facts.status()).isEqualTo(StatusFacts.Status.NOT_YET_ISSUED);
            assertThat(facts.events())
                    .singleElement()
                    .satisfies(event -> assertThat(event.at()).isAfter(T0));
        });
    }

    @Test
    void aDateInTheFutureIsRefused() {
        IssuedCertificate issued = issue();

        assertThatThrownBy(() -> services.verification().verifyCode(issued.seal(), Optional.of(T0.plusSeconds(1))))
                .isInstanceOf(CachetException.class)
                .hasMessageContaining("in the future")
                .satisfies(e -> assertThat(((CachetException) e).kind()).isEqualTo(CachetException.Kind.USAGE));
    }

    @Test
    void withoutARegistryTheStatusAtADateIsUnreadable() {
        IssuedCertificate issued = issue();
        clock.set(day(1));
        VerificationService trustOnly = new VerificationService(services.trustStore(), clock);

        VerificationReport report = trustOnly.verifyCode(issued.seal(), Optional.of(T0.plusSeconds(60)));

        assertThat(report.verdict()).isEqualTo(Verdict.UNREADABLE);
        assertThat(report.reasons()).containsExactly(ReasonCode.STATUS_AT_UNAVAILABLE);
        assertThat(report.status()).isEmpty();
        assertThat(report.statusAt()).contains(T0.plusSeconds(60));
        assertThat(failed(report, "status-at.status").detail()).contains("no registry of office PAR");
    }

    @Test
    void aRegistryOfAnotherOfficeCannotTellTheStatusAtADateEither() {
        IssuedCertificate issued = issue();
        clock.set(day(1));
        Registry lyon = Registry.open(RegistryLocation.sqlite(folder.resolve("lyon.db")), "LYO");
        VerificationService lyonVerifier = new VerificationService(services.trustStore(), clock, Optional.of(lyon));

        VerificationReport report = lyonVerifier.verifyCode(issued.seal(), Optional.of(T0.plusSeconds(60)));

        assertThat(report.reasons()).containsExactly(ReasonCode.STATUS_AT_UNAVAILABLE);
    }

    @Test
    void withoutARegistryACertificateIssuedAfterTheDateIsStillNotYetIssued() {
        clock.set(day(1));
        IssuedCertificate issued = issue();
        VerificationService trustOnly = new VerificationService(services.trustStore(), clock);

        VerificationReport report = trustOnly.verifyCode(issued.seal(), Optional.of(T0));

        assertThat(report.verdict()).isEqualTo(Verdict.NOT_YET_ISSUED);
        assertThat(report.status().orElseThrow().events()).isEmpty();
    }

    @Test
    void thePdfIsJudgedAtTheDateToo() throws Exception {
        IssuedCertificate issued = issue();
        services.registry().change(issued.id(), Registry.Change.REVOKE, "agent", Optional.of("erreur"), day(2));
        clock.set(day(3));
        byte[] pdf = Files.readAllBytes(issued.file());

        VerificationReport before = services.verification().verifyFile(pdf, Cancellation.never(), Optional.of(day(1)));
        VerificationReport now = services.verification().verifyFile(pdf);

        assertThat(before.verdict()).as("%s", before.checks()).isEqualTo(Verdict.VALID);
        assertThat(before.checks())
                .filteredOn(check -> check.name().equals("pdf.signature"))
                .singleElement()
                .satisfies(check -> assertThat(check.outcome()).isEqualTo(Check.Outcome.PASSED));
        assertThat(now.verdict()).isEqualTo(Verdict.REVOKED);
        assertThat(now.status().orElseThrow().decidingEvent().orElseThrow().reason())
                .contains("erreur");
    }

    @Test
    void aForgedSealStaysInvalidAtAnyDate() {
        IssuedCertificate issued = issue();
        clock.set(day(1));
        String seal = issued.seal();
        int at = seal.length() - 6;
        // the replacement must differ from the character it replaces, or the "forgery" is the genuine seal
        String tampered = seal.substring(0, at) + (seal.charAt(at) == 'A' ? 'B' : 'A') + seal.substring(at + 1);
        assertThat(tampered).isNotEqualTo(seal);

        VerificationReport report = services.verification().verifyCode(tampered, Optional.of(T0.plusSeconds(60)));

        assertThat(report.verdict()).isIn(Verdict.INVALID, Verdict.UNREADABLE);
        assertThat(report.certificate()).isEmpty();
        assertThat(report.status()).isEmpty();
    }

    private IssuedCertificate issue() {
        return services.issuance()
                .issue(
                        "visa-validation",
                        TestHomes.sample(services, "visa-validation"),
                        folder.resolve("c" + FILES.incrementAndGet() + ".pdf"),
                        Locale.FRENCH);
    }

    private VerificationReport verify(IssuedCertificate issued, Instant at) {
        return services.verification().verifyCode(issued.seal(), Optional.of(at));
    }

    private static Instant day(int days) {
        return T0.plus(Duration.ofDays(days));
    }

    private static Check failed(VerificationReport report, String name) {
        return check(report, name, Check.Outcome.FAILED);
    }

    private static Check skipped(VerificationReport report, String name) {
        return check(report, name, Check.Outcome.SKIPPED);
    }

    private static Check check(VerificationReport report, String name, Check.Outcome outcome) {
        return report.checks().stream()
                .filter(check -> check.name().equals(name) && check.outcome() == outcome)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + outcome + " check " + name + " in " + report.checks()));
    }
}
