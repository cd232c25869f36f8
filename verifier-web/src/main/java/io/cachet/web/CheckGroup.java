package io.cachet.web;

import io.cachet.core.report.Check;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The checks of a report grouped for people: signature, issuer, integrity, status, dates (in that order, empty
 * groups left out). The report's own order is kept inside a group; {@code passed} when no check in it failed.
 */
record CheckGroup(String key, List<Check> checks, String outcome) {
    static final List<String> ORDER = List.of("signature", "issuer", "integrity", "status", "dates");

    static List<CheckGroup> of(List<Check> checks) {
        Map<String, List<Check>> groups = new LinkedHashMap<>();
        ORDER.forEach(key -> groups.put(key, new ArrayList<>()));
        checks.forEach(check -> groups.get(groupOf(check.name())).add(check));
        return groups.entrySet().stream()
                .filter(entry -> !entry.getValue().isEmpty())
                .map(entry -> new CheckGroup(entry.getKey(), List.copyOf(entry.getValue()), outcome(entry.getValue())))
                .toList();
    }

    /** FAILED when a check failed, SKIPPED when none applied (e.g. no registry to ask), else PASSED. */
    private static String outcome(List<Check> checks) {
        if (checks.stream().anyMatch(check -> check.outcome() == Check.Outcome.FAILED)) {
            return Check.Outcome.FAILED.name();
        }
        if (checks.stream().allMatch(check -> check.outcome() == Check.Outcome.SKIPPED)) {
            return Check.Outcome.SKIPPED.name();
        }
        return Check.Outcome.PASSED.name();
    }

    static String groupOf(String checkName) {
        return switch (checkName) {
            case "pdf.signature-format", "pdf.signature", "seal.algorithm", "seal.signature" -> "signature";
            case "pdf.signer", "seal.key", "seal.issuer", "seal.signer-validity", "pdf.seal-signer", "report.signer" ->
                "issuer";
            case "seal.issued-at", "seal.expiry" -> "dates";
            default -> checkName.startsWith("status") || checkName.startsWith("registry.") ? "status" : "integrity";
        };
    }
}
