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
record CheckGroup(String key, List<Check> checks, boolean passed) {
    static final List<String> ORDER = List.of("signature", "issuer", "integrity", "status", "dates");

    static List<CheckGroup> of(List<Check> checks) {
        Map<String, List<Check>> groups = new LinkedHashMap<>();
        ORDER.forEach(key -> groups.put(key, new ArrayList<>()));
        checks.forEach(check -> groups.get(groupOf(check.name())).add(check));
        return groups.entrySet().stream()
                .filter(entry -> !entry.getValue().isEmpty())
                .map(entry -> new CheckGroup(
                        entry.getKey(),
                        List.copyOf(entry.getValue()),
                        entry.getValue().stream().noneMatch(check -> check.outcome() == Check.Outcome.FAILED)))
                .toList();
    }

    static String groupOf(String checkName) {
        return switch (checkName) {
            case "pdf.signature-format", "pdf.signature", "seal.algorithm", "seal.signature" -> "signature";
            case "pdf.signer", "seal.key", "seal.signer-validity", "pdf.seal-signer" -> "issuer";
            case "seal.issued-at", "seal.expiry" -> "dates";
            default -> checkName.startsWith("status") ? "status" : "integrity";
        };
    }
}
