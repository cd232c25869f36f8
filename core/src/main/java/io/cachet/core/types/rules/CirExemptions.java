package io.cachet.core.types.rules;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Who must sign the Republican Integration Contract (CIR) and who is exempt (CESEDA art. L413-2 and L413-5, as
 * summarised in docs/templates.md): students, seasonal and temporary workers, "talent" card holders and holders
 * of an Algerian residence certificate are exempt; employees and holders of a permit for a commercial activity
 * must sign it.
 */
final class CirExemptions {
    /**
     * Exempt category (as the types spell it) → the exemption, in words a clerk recognises: a key of
     * {@code problems.properties} ({@code cir.exemption.students}: "students are exempt", …).
     */
    private static final Map<String, String> EXEMPT = Map.of(
            "étudiant", "cir.exemption.students",
            "travailleur saisonnier", "cir.exemption.seasonal",
            "travailleur temporaire", "cir.exemption.temporary",
            "passeport talent", "cir.exemption.talent",
            "certificat de résidence algérien", "cir.exemption.algerian");

    /** Categories whose holders must sign the CIR. */
    static final Set<String> MANDATORY = Set.of("salarié", "activité commerciale");

    private CirExemptions() {}

    /** The key of the category's exemption, when it is exempt. */
    static Optional<String> exemption(String category) {
        return Optional.ofNullable(EXEMPT.get(category));
    }
}
