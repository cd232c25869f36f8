package io.cachet.core.types.rules;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The registry of known business rules, by the name a {@code type.json} uses. A new rule is a class here plus one
 * line below; a type folder only names it.
 */
public final class BusinessRules {
    private static final Map<String, BusinessRule> KNOWN = Stream.of(
                    new VisaMedicalVisitRule(),
                    new VisaCirStatusRule(),
                    new CirExemptionRule(),
                    new FamilyBeneficiariesRule(),
                    new ReceptionConditionsRule())
            .collect(Collectors.toMap(BusinessRule::name, Function.identity(), (a, b) -> a, TreeMap::new));

    private BusinessRules() {}

    public static Optional<BusinessRule> find(String name) {
        return Optional.ofNullable(KNOWN.get(name));
    }

    /** Every known rule name, sorted. */
    public static Set<String> names() {
        return KNOWN.keySet();
    }
}
