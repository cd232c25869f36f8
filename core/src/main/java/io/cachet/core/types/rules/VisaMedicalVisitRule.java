package io.cachet.core.types.rules;

import io.cachet.core.FieldProblem;
import io.cachet.core.types.FieldValues;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code visa-medical-visit}: a long-stay visa is validated only after the OFII medical visit, so the medical visit
 * date is required, and entry ≤ medical visit ≤ validation.
 */
final class VisaMedicalVisitRule implements BusinessRule {
    static final String ENTRY = "entryDate";
    static final String MEDICAL_VISIT = "medicalVisitDate";
    static final String VALIDATION = "validationDate";

    @Override
    public String name() {
        return "visa-medical-visit";
    }

    @Override
    public String description() {
        return "the medical visit is required; entryDate ≤ medicalVisitDate ≤ validationDate";
    }

    @Override
    public Set<String> fields() {
        return Set.of(ENTRY, MEDICAL_VISIT, VALIDATION);
    }

    @Override
    public List<FieldProblem> check(FieldValues data) {
        List<FieldProblem> problems = new ArrayList<>();
        Optional<LocalDate> medicalVisit = data.date(MEDICAL_VISIT);
        if (medicalVisit.isEmpty()) {
            problems.add(FieldProblem.of(MEDICAL_VISIT, "visa.medicalVisitRequired"));
        }
        String previousName = null;
        LocalDate previous = null;
        for (String name : List.of(ENTRY, MEDICAL_VISIT, VALIDATION)) {
            Optional<LocalDate> date = data.date(name);
            if (date.isEmpty()) {
                continue;
            }
            if (previous != null && date.get().isBefore(previous)) {
                problems.add(FieldProblem.of(name, "dateOrder", date.get(), previousName, previous));
            }
            previous = date.get();
            previousName = name;
        }
        return problems;
    }
}
