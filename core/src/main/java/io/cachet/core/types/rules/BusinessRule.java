package io.cachet.core.types.rules;

import io.cachet.core.FieldProblem;
import io.cachet.core.types.FieldValues;
import java.util.List;
import java.util.Set;

/**
 * A business rule that a field schema cannot express, named in a type's {@code type.json} ({@code "rules":
 * ["cir-exemption"]}) and found in {@link BusinessRules}. A rule sees only values that passed their field checks
 * and reports problems; it never throws on data.
 */
public interface BusinessRule {
    /** The name {@code type.json} uses, e.g. {@code cir-exemption}. */
    String name();

    /** One line for {@code cachet types show}: what the rule demands. */
    String description();

    /** The fields the rule reads: a type that names the rule must declare them all. */
    Set<String> fields();

    /**
     * The problems in the data, each at its field; empty when the data obey the rule. A field that is absent (or
     * failed its own check) is left to the schema, unless the rule itself demands it.
     */
    List<FieldProblem> check(FieldValues data);
}
