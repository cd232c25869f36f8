package io.cachet.core.types.rules;

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
    public List<String> check(FieldValues data) {
        List<String> problems = new ArrayList<>();
        Optional<String> status = data.text(STATUS);
        Optional<String> category = data.text(CATEGORY);
        if (status.isEmpty()) {
            return problems;
        }
        if (status.get().equals("dispensé") && data.text(REASON).isEmpty()) {
            problems.add(REASON + ": required when cirStatus is 'dispensé' (say why the holder is exempt)");
        }
        if (category.isPresent()) {
            if (CirExemptions.MANDATORY.contains(category.get())
                    && !status.get().equals("signé")) {
                problems.add(STATUS + ": a '" + category.get() + "' visa requires signing the Republican Integration"
                        + " Contract, so the status must be 'signé', not '" + status.get() + "'");
            }
            Optional<String> exemption = CirExemptions.exemption(category.get());
            if (exemption.isPresent() && status.get().equals("signé")) {
                problems.add(STATUS + ": 'signé' is impossible for a '" + category.get() + "' visa (" + exemption.get()
                        + " from the Republican Integration Contract)");
            }
        }
        return problems;
    }
}
