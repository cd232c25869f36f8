package io.cachet.web;

import io.cachet.core.report.VerificationReport;

/**
 * How a verdict is shown: a CSS class for the colour and a message key for the words; colour is never the only
 * signal (WCAG 1.4.1).
 */
record ResultView(String cssClass, String messageKey, String icon) {
    static ResultView of(VerificationReport report) {
        return switch (report.verdict()) {
            case VALID -> new ResultView("verdict-valid", "verdict.VALID", "✔");
            case INVALID -> new ResultView("verdict-invalid", "verdict.INVALID", "✖");
            case UNREADABLE -> new ResultView("verdict-unknown", "verdict.UNREADABLE", "?");
            case REVOKED, SUSPENDED, EXPIRED, SUPERSEDED ->
                new ResultView("verdict-warning", "verdict." + report.verdict().name(), "!");
        };
    }
}
