package io.cachet.core.types.rules;

import io.cachet.core.FieldProblem;
import io.cachet.core.types.FieldValues;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code reception-conditions}: the asylum seeker's allowance (ADA) and accommodation follow from accepting the
 * material reception conditions (CESEDA art. L551-9): refused conditions give neither, and offered accommodation
 * says where.
 */
final class ReceptionConditionsRule implements BusinessRule {
    static final String ACCEPTED = "receptionConditionsAccepted";
    static final String ALLOWANCE = "allowanceEntitlement";
    static final String ACCOMMODATION = "accommodationOffered";
    static final String PLACE = "accommodationPlace";

    @Override
    public String name() {
        return "reception-conditions";
    }

    @Override
    public String description() {
        return "ADA and accommodation only when the reception conditions are accepted;"
                + " offered accommodation needs accommodationPlace";
    }

    @Override
    public Set<String> fields() {
        return Set.of(ACCEPTED, ALLOWANCE, ACCOMMODATION, PLACE);
    }

    @Override
    public List<FieldProblem> check(FieldValues data) {
        List<FieldProblem> problems = new ArrayList<>();
        boolean refused = data.text(ACCEPTED).filter("non"::equals).isPresent();
        if (refused && data.text(ALLOWANCE).filter("oui"::equals).isPresent()) {
            problems.add(FieldProblem.of(ALLOWANCE, "reception.noAllowance"));
        }
        boolean offered = data.text(ACCOMMODATION).filter("oui"::equals).isPresent();
        if (refused && offered) {
            problems.add(FieldProblem.of(ACCOMMODATION, "reception.noAccommodation"));
        }
        if (offered && data.text(PLACE).isEmpty()) {
            problems.add(FieldProblem.of(PLACE, "reception.placeRequired"));
        }
        if (!offered && data.text(PLACE).isPresent()) {
            problems.add(FieldProblem.of(PLACE, "reception.placeWithoutAccommodation"));
        }
        return problems;
    }
}
