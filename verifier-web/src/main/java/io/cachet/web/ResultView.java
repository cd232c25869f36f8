package io.cachet.web;

import io.cachet.core.report.CertificateSummary;
import io.cachet.core.report.ReasonCode;
import io.cachet.core.report.VerificationReport;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * How a verdict is shown: a CSS class for the colour, a message key for the words and an icon, each verdict its own;
 * colour is never the only signal (WCAG 1.4.1). An authentic certificate whose status was not checked gets a neutral
 * colour of its own, not the grey of an input that could not be read. When a person can do something about the
 * answer, {@code adviceKey} names the advice, and {@code adviceLink} where to check online.
 */
record ResultView(
        String cssClass, String messageKey, String icon, Optional<String> adviceKey, Optional<String> adviceLink) {
    /** Text that is not a Cachet code: a misread, not a forgery. */
    static final Set<ReasonCode> CODE_NOT_READ = EnumSet.of(
            ReasonCode.CODE_PREFIX_UNKNOWN,
            ReasonCode.CODE_TOO_LARGE,
            ReasonCode.CODE_BASE45_INVALID,
            ReasonCode.CODE_ZLIB_INVALID,
            ReasonCode.CODE_COSE_MALFORMED);

    static ResultView of(VerificationReport report) {
        if (report.statusNotChecked()) {
            Optional<String> link = report.certificate().flatMap(CertificateSummary::issuerVerifier);
            return new ResultView(
                    "verdict-unchecked",
                    "verdict.STATUS_NOT_CHECKED",
                    "ℹ",
                    Optional.of(link.isPresent() ? "advice.statusNotChecked.at" : "advice.statusNotChecked"),
                    link);
        }
        return switch (report.verdict()) {
            case VALID -> plain("verdict-valid", report, "✔");
            case INVALID -> plain("verdict-invalid", report, "✖");
            case REVOKED -> plain("verdict-revoked", report, "⊘");
            case SUSPENDED -> plain("verdict-suspended", report, "‖");
            case SUPERSEDED -> plain("verdict-superseded", report, "⇄");
            case EXPIRED -> plain("verdict-expired", report, "⌛");
            case NOT_YET_ISSUED -> plain("verdict-not-yet-issued", report, "◷");
            case UNREADABLE ->
                new ResultView(
                        "verdict-unknown", "verdict.UNREADABLE", "?", unreadableAdvice(report), Optional.empty());
        };
    }

    private static ResultView plain(String cssClass, VerificationReport report, String icon) {
        return new ResultView(cssClass, "verdict." + report.verdict().name(), icon, Optional.empty(), Optional.empty());
    }

    private static Optional<String> unreadableAdvice(VerificationReport report) {
        if (report.reasons().stream().anyMatch(CODE_NOT_READ::contains)) {
            return Optional.of("advice.codeUnreadable");
        }
        if (report.reasons().contains(ReasonCode.NO_CODE_FOUND)) {
            return Optional.of("advice.noCodeFound");
        }
        return Optional.empty();
    }
}
