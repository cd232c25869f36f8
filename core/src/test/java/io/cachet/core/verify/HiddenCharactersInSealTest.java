package io.cachet.core.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachet.core.TestKeys;
import io.cachet.core.report.Check;
import io.cachet.core.report.ReasonCode;
import io.cachet.core.report.Verdict;
import io.cachet.core.report.VerificationReport;
import io.cachet.core.seal.Holder;
import io.cachet.core.seal.SealClaims;
import io.cachet.core.seal.SealSigner;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A seal whose names hold a right-to-left override shows "DUPONT" while holding "TNOPUD"; it must
 * not be shown as a plain VALID, and what is shown must reveal the hidden character.
 */
class HiddenCharactersInSealTest {
    private static final Instant ISSUED = Instant.parse("2026-11-20T09:00:00Z");

    static TestKeys keys;
    static VerificationService verifier;

    @BeforeAll
    static void keys() {
        keys = TestKeys.create(ISSUED.minusSeconds(86_400));
        verifier = new VerificationService(keys.trust(), Clock.fixed(ISSUED.plusSeconds(3600), ZoneOffset.UTC));
    }

    private static String seal(String familyName, String givenNames, Map<String, String> fields) {
        return new SealSigner(keys.signer())
                .sign(new SealClaims(
                        "PAR",
                        "7K2M-9QXH-4TWD-R8NB-5",
                        "visa-validation",
                        ISSUED,
                        Optional.of(ISSUED.plusSeconds(365L * 86_400)),
                        new Holder(familyName, givenNames, "1994-07-21"),
                        fields));
    }

    @Test
    void aRightToLeftOverrideInTheFamilyNameIsFlaggedAndShownWrittenOut() {
        VerificationReport report =
                verifier.verifyCode(seal("\u202ETNOPUD", "Jean", Map.of("vn", "FRA3019284", "vc", "salarié")));

        assertThat(report.verdict()).as("%s", report.checks()).isEqualTo(Verdict.UNREADABLE);
        assertThat(report.reasons()).containsExactly(ReasonCode.SEAL_HIDDEN_CHARACTERS, ReasonCode.STATUS_NOT_CHECKED);
        assertThat(report.checks())
                .filteredOn(check -> check.name().equals("seal.text"))
                .singleElement()
                .satisfies(check -> {
                    assertThat(check.outcome()).isEqualTo(Check.Outcome.FAILED);
                    assertThat(check.detail())
                            .contains("holder family name")
                            .contains("U+202E RIGHT-TO-LEFT OVERRIDE")
                            .doesNotContain("TNOPUD");
                });
        assertThat(report.certificate())
                .hasValueSatisfying(
                        certificate -> assertThat(certificate.familyName()).isEqualTo("<U+202E>TNOPUD"));
    }

    @Test
    void aZeroWidthCharacterInAFieldIsFlagged() {
        VerificationReport report =
                verifier.verifyCode(seal("DUPONT", "Jean", Map.of("vn", "FRA30\u200B19284", "vc", "salarié")));

        assertThat(report.verdict()).isEqualTo(Verdict.UNREADABLE);
        assertThat(report.reasons()).containsExactly(ReasonCode.SEAL_HIDDEN_CHARACTERS, ReasonCode.STATUS_NOT_CHECKED);
    }

    @Test
    void aSealWithPlainNamesPassesTheTextCheck() {
        VerificationReport report =
                verifier.verifyCode(seal("EL AMRANI", "Zoë Łucja", Map.of("vn", "FRA3019284", "vc", "salarié")));

        // Authentic, nothing against it; with trust material only, its status was not checked.
        assertThat(report.statusNotChecked()).as("%s", report.checks()).isTrue();
        assertThat(report.checks())
                .filteredOn(check -> check.name().equals("seal.text"))
                .singleElement()
                .extracting(Check::outcome)
                .isEqualTo(Check.Outcome.PASSED);
    }
}
