package io.cachet.web;

import io.cachet.core.report.Check;
import io.cachet.core.report.CheckName;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The checks of a report grouped for people, by {@link CheckName.Group}: signature, issuer, integrity, status, dates
 * (in that order, empty groups left out). The report's own order is kept inside a group; {@code passed} when no
 * check in it failed.
 */
record CheckGroup(String key, List<Check> checks, String outcome) {
    static List<CheckGroup> of(List<Check> checks) {
        Map<CheckName.Group, List<Check>> groups = new EnumMap<>(CheckName.Group.class);
        checks.forEach(check -> groups.computeIfAbsent(check.group(), group -> new ArrayList<>())
                .add(check));
        return groups.entrySet().stream()
                .map(entry ->
                        new CheckGroup(entry.getKey().key(), List.copyOf(entry.getValue()), outcome(entry.getValue())))
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
}
