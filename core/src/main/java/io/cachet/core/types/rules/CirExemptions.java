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
    /** Exempt category (as the types spell it) → the exemption, in words a clerk recognises. */
    private static final Map<String, String> EXEMPT = Map.of(
            "étudiant", "students are exempt",
            "travailleur saisonnier", "seasonal workers are exempt",
            "travailleur temporaire", "temporary workers are exempt",
            "passeport talent", "\"talent\" card holders are exempt",
            "certificat de résidence algérien", "holders of an Algerian residence certificate are exempt");

    /** Categories whose holders must sign the CIR. */
    static final Set<String> MANDATORY = Set.of("salarié", "activité commerciale");

    private CirExemptions() {}

    static Optional<String> exemption(String category) {
        return Optional.ofNullable(EXEMPT.get(category));
    }
}
