package io.cachet.core.types.rules;

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
    public List<String> check(FieldValues data) {
        List<String> problems = new ArrayList<>();
        Optional<LocalDate> filing = data.date(FILING_DATE);
        List<Map<String, String>> beneficiaries = data.list(LIST);
        int spouses = 0;
        for (int i = 0; i < beneficiaries.size(); i++) {
            Map<String, String> beneficiary = beneficiaries.get(i);
            String path = LIST + "[" + i + "].";
            String relationship = beneficiary.get("relationship");
            if (SPOUSE.equals(relationship) && ++spouses > 1) {
                problems.add(path + "relationship: only one spouse can be a beneficiary");
            }
            String birth = beneficiary.get("birthDate");
            if (birth == null || filing.isEmpty()) {
                continue;
            }
            LocalDate birthDate = LocalDate.parse(birth);
            if (birthDate.isAfter(filing.get())) {
                problems.add(path + "birthDate: " + birthDate + " is after the filing date (" + filing.get() + ")");
            } else if (CHILD.equals(relationship) && !birthDate.plusYears(18).isAfter(filing.get())) {
                problems.add(path + "birthDate: a child must be under 18 on the filing date (" + filing.get()
                        + "); born " + birthDate);
            }
        }
        return problems;
    }
}
