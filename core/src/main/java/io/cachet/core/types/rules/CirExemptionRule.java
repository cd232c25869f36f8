package io.cachet.core.types.rules;

import io.cachet.core.FieldProblem;
import io.cachet.core.types.FieldValues;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code cir-exemption}: no CIR certificate for a person the law exempts from the Republican Integration Contract.
 * The error names the exemption; {@code salarié} and {@code activité commerciale} must sign, so they pass.
 */
final class CirExemptionRule implements BusinessRule {
    static final String CATEGORY = "residenceCategory";

    @Override
    public String name() {
        return "cir-exemption";
    }

    @Override
    public String description() {
        return "refused for categories exempt from the CIR (étudiant, travailleur saisonnier or temporaire,"
                + " passeport talent, certificat de résidence algérien)";
    }

    @Override
    public Set<String> fields() {
        return Set.of(CATEGORY);
    }

    @Override
    public List<FieldProblem> check(FieldValues data) {
        Optional<String> category = data.text(CATEGORY);
        return category.flatMap(CirExemptions::exemption)
                .map(exemption -> List.of(
                        FieldProblem.of(CATEGORY, "cir.exempt", category.get(), new FieldProblem.Term(exemption))))
                .orElse(List.of());
    }
}
