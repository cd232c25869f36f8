package io.cachet.core.types.rules;

import io.cachet.core.FieldProblem;
import io.cachet.core.types.FieldValues;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code family-beneficiaries}: family reunification brings one spouse and children under 18 (CESEDA art.
 * L434-2): at most one spouse, every beneficiary born on or before the filing date, every child under 18 on it.
 */
final class FamilyBeneficiariesRule implements BusinessRule {
    static final String LIST = "beneficiaries";
    static final String FILING_DATE = "filingDate";
    static final String SPOUSE = "conjoint";
    static final String CHILD = "enfant";

    @Override
    public String name() {
        return "family-beneficiaries";
    }

    @Override
    public String description() {
        return "at most one spouse ('conjoint'); every beneficiary born by the filing date; children under 18 on it";
    }

    @Override
    public Set<String> fields() {
        return Set.of(LIST, FILING_DATE);
    }

    @Override
    public List<FieldProblem> check(FieldValues data) {
        List<FieldProblem> problems = new ArrayList<>();
        Optional<LocalDate> filing = data.date(FILING_DATE);
        List<Map<String, String>> beneficiaries = data.list(LIST);
        int spouses = 0;
        for (int i = 0; i < beneficiaries.size(); i++) {
            Map<String, String> beneficiary = beneficiaries.get(i);
            String path = LIST + "[" + i + "].";
            String relationship = beneficiary.get("relationship");
            if (SPOUSE.equals(relationship) && ++spouses > 1) {
                problems.add(FieldProblem.of(path + "relationship", "family.oneSpouse"));
            }
            String birth = beneficiary.get("birthDate");
            if (birth == null || filing.isEmpty()) {
                continue;
            }
            LocalDate birthDate = LocalDate.parse(birth);
            if (birthDate.isAfter(filing.get())) {
                problems.add(FieldProblem.of(path + "birthDate", "family.bornAfterFiling", birthDate, filing.get()));
            } else if (CHILD.equals(relationship) && !birthDate.plusYears(18).isAfter(filing.get())) {
                problems.add(FieldProblem.of(path + "birthDate", "family.childTooOld", filing.get(), birthDate));
            }
        }
        return problems;
    }
}
