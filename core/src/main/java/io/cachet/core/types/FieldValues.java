package io.cachet.core.types;

import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The values of input data that passed their field checks: what business rules and templates see. A value that
 * failed its check (a malformed date, a choice not listed) is absent, so a rule never reasons on bad input.
 *
 * @param values single fields by dotted path (e.g. {@code holder.familyName}), in the type's declared order
 * @param lists list fields by path; each item maps its sub-field paths to their values
 */
public record FieldValues(Map<String, String> values, Map<String, List<Map<String, String>>> lists) {
    public FieldValues {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        Map<String, List<Map<String, String>>> copy = new LinkedHashMap<>();
        lists.forEach((name, items) -> copy.put(
                name,
                items.stream()
                        .map(item -> Collections.unmodifiableMap(new LinkedHashMap<>(item)))
                        .toList()));
        lists = Collections.unmodifiableMap(copy);
    }

    public Optional<String> text(String path) {
        return Optional.ofNullable(values.get(path));
    }

    /**
     * The date at {@code path}; empty when absent, or partial (a birth date known only as {@code 1990} or
     * {@code 1990-03} is no one day). A present date field has already been checked.
     */
    public Optional<LocalDate> date(String path) {
        return text(path).filter(DateInput::isFull).map(LocalDate::parse);
    }

    /** The items of a list field; empty when the list is absent. */
    public List<Map<String, String>> list(String path) {
        return lists.getOrDefault(path, List.of());
    }
}
