package io.cachet.core.types.rules;

import io.cachet.core.FieldProblem;
import io.cachet.core.types.FieldValues;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code visa-cir-status}: the CIR status on a visa validation must fit the visa category. An exemption needs its
 * reason; an employee ({@code salarié}) must have signed; an exempt category cannot show a signed contract.
 */
final class VisaCirStatusRule implements BusinessRule {
    static final String CATEGORY = "visaCategory";
    static final String STATUS = "cirStatus";
    static final String REASON = "cirExemptionReason";

    @Override
    public String name() {
        return "visa-cir-status";
    }

    @Override
    public String description() {
        return "cirStatus 'dispensé' needs cirExemptionReason; 'salarié' needs 'signé';"
                + " exempt categories (étudiant, passeport talent, travailleur temporaire…) cannot be 'signé'";
    }

    @Override
    public Set<String> fields() {
        return Set.of(CATEGORY, STATUS, REASON);
    }

    @Override
    public List<FieldProblem> check(FieldValues data) {
        List<FieldProblem> problems = new ArrayList<>();
        Optional<String> status = data.text(STATUS);
        Optional<String> category = data.text(CATEGORY);
        if (status.isEmpty()) {
            return problems;
        }
        if (status.get().equals("dispensé") && data.text(REASON).isEmpty()) {
            problems.add(FieldProblem.of(REASON, "visa.cirReasonRequired"));
        }
        if (category.isPresent()) {
            if (CirExemptions.MANDATORY.contains(category.get())
                    && !status.get().equals("signé")) {
                problems.add(FieldProblem.of(STATUS, "visa.cirMandatory", category.get(), status.get()));
            }
            Optional<String> exemption = CirExemptions.exemption(category.get());
            if (exemption.isPresent() && status.get().equals("signé")) {
                problems.add(FieldProblem.of(
                        STATUS, "visa.cirImpossible", category.get(), new FieldProblem.Term(exemption.get())));
            }
        }
        return problems;
    }
}
