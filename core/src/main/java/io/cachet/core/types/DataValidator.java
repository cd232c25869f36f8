package io.cachet.core.types;

import com.fasterxml.jackson.databind.JsonNode;
import io.cachet.core.CachetException;
import io.cachet.core.FieldProblem;
import io.cachet.core.seal.Holder;
import io.cachet.core.types.rules.BusinessRule;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks input data against a type's declared fields and rules, and reports every problem at once, each with its
 * field path ({@code holder.birthDate}, {@code beneficiaries[1].birthDate}: list items count from 0, as in JSON
 * Pointer and jq), so that a clerk fixes a file in one pass. Nothing is issued when any problem is found.
 *
 * <p>Text is put in Unicode Normalization Form C; text holding a {@link HiddenCharacters hidden character} (control,
 * format such as a right-to-left override or a zero-width space, separator, private-use, unassigned) is refused.
 *
 * <p>Dates are read as {@link DateInput} says ({@code YYYY-MM-DD} or {@code DD/MM/YYYY}; a partial
 * {@code holder.birthDate}) and kept in ISO 8601. {@code holder.familyName} and {@code holder.birthDate} are always
 * required; absent {@code holder.givenNames} (a holder with a single name) are kept as empty text.
 *
 * <p>Order: each field's own check (presence, kind, length, choice); unknown fields; date order; then the type's
 * business rules, on the values that passed. A rule's problem about a field already reported is dropped: one
 * field, one message.
 */
public final class DataValidator {
    public static final String FAMILY_NAME = "holder.familyName";
    public static final String GIVEN_NAMES = "holder.givenNames";
    public static final String BIRTH_DATE = "holder.birthDate";

    /** Fields every type must have: they identify the holder in the seal. */
    public static final List<String> HOLDER_FIELDS = List.of(FAMILY_NAME, GIVEN_NAMES, BIRTH_DATE);

    private DataValidator() {}

    public static ValidatedData validate(CertificateType type, JsonNode data) {
        if (data == null || !data.isObject()) {
            throw CachetException.invalidInput(
                    "the data must be a JSON object", List.of("(root): expected a JSON object"));
        }
        List<FieldProblem> problems = new ArrayList<>();
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, List<Map<String, String>>> lists = new LinkedHashMap<>();
        for (FieldSpec field : type.fields()) {
            JsonNode node = at(data, field.name());
            if (field.kind() == FieldSpec.Kind.LIST) {
                list(field, node, problems).ifPresent(items -> lists.put(field.name(), items));
            } else {
                boolean required = field.required()
                        || field.name().equals(FAMILY_NAME)
                        || field.name().equals(BIRTH_DATE);
                single(field.name(), field, required, node, problems)
                        .ifPresent(value -> values.put(field.name(), value));
            }
        }
        if (isAbsent(at(data, GIVEN_NAMES))) {
            // A holder with a single name (ICAO 9303: it is the primary identifier, the family name) has no given
            // names: sealed, recorded and given to templates as empty text, never null. (Refused above when the
            // type requires them.)
            values.put(GIVEN_NAMES, "");
        }
        for (String unknown : unknownFields(type.fields(), data, "")) {
            problems.add(FieldProblem.of(unknown, "unknownField", type.id()));
        }
        checkDateOrder(type, values, problems);
        FieldValues fields = new FieldValues(values, lists);
        Set<String> reported = new HashSet<>();
        problems.forEach(problem -> reported.add(problem.path()));
        for (BusinessRule rule : type.rules()) {
            for (FieldProblem problem : rule.check(fields)) {
                if (reported.add(problem.path())) {
                    problems.add(problem);
                }
            }
        }
        if (!problems.isEmpty()) {
            throw CachetException.invalidData(
                    problems.size() + " problem(s) in the data for type " + type.id(), problems);
        }
        Holder holder = new Holder(values.get(FAMILY_NAME), values.get(GIVEN_NAMES), values.get(BIRTH_DATE));
        return new ValidatedData(type, holder, fields);
    }

    /** A single (non-list) field: its stripped value when present and valid; problems otherwise. */
    private static Optional<String> single(
            String path, FieldSpec field, boolean required, JsonNode node, List<FieldProblem> problems) {
        if (isAbsent(node)) {
            if (required) {
                problems.add(FieldProblem.of(
                        path, path.equals(FAMILY_NAME) ? "required.singleName" : "required", field.label()));
            }
            return Optional.empty();
        }
        if (!node.isTextual()) {
            problems.add(FieldProblem.of(
                    path, "expectedText", node.getNodeType().name().toLowerCase(Locale.ROOT)));
            return Optional.empty();
        }
        String value = node.asText().strip();
        if (field.kind() == FieldSpec.Kind.TEXT) {
            // One spelling per name: the seal, the registry and its search see the same characters (issue 20).
            value = HiddenCharacters.nfc(value);
        }
        FieldProblem problem =
                switch (field.kind()) {
                    case TEXT ->
                        value.length() > field.maxLengthOrDefault()
                                ? FieldProblem.of(path, "tooLong", field.maxLengthOrDefault())
                                : HiddenCharacters.find(value)
                                        .map(found -> FieldProblem.of(path, "hiddenCharacter", found.describe()))
                                        .orElse(null);
                    case DATE -> {
                        DateInput.Outcome date =
                                path.equals(BIRTH_DATE) ? DateInput.birthDate(value) : DateInput.date(value);
                        if (date instanceof DateInput.Accepted accepted) {
                            value = accepted.iso(); // sealed and recorded in ISO 8601, however it was typed
                            yield null;
                        }
                        yield ((DateInput.Refused) date).at(path);
                    }
                    case TIME ->
                        value.matches("([01][0-9]|2[0-3]):[0-5][0-9]") ? null : FieldProblem.of(path, "time", value);
                    case CHOICE ->
                        field.values().contains(value) ? null : FieldProblem.of(path, "choice", value, field.values());
                    case LIST -> throw new IllegalStateException("lists are checked apart");
                };
        if (problem != null) {
            problems.add(problem);
            return Optional.empty();
        }
        return Optional.of(value);
    }

    /** A list field: its items' valid values (an item keeps the sub-fields that passed); problems otherwise. */
    private static Optional<List<Map<String, String>>> list(
            FieldSpec field, JsonNode node, List<FieldProblem> problems) {
        String path = field.name();
        if (node == null || node.isNull()) {
            if (field.required()) {
                problems.add(FieldProblem.of(path, "required", field.label()));
            }
            return Optional.empty();
        }
        if (!node.isArray()) {
            problems.add(FieldProblem.of(
                    path, "expectedList", node.getNodeType().name().toLowerCase(Locale.ROOT)));
            return Optional.empty();
        }
        if (node.size() < field.minItemsOrDefault()) {
            problems.add(FieldProblem.of(path, "minItems", field.minItemsOrDefault(), field.label(), node.size()));
        }
        if (node.size() > field.maxItemsOrDefault()) {
            problems.add(FieldProblem.of(path, "maxItems", field.maxItemsOrDefault(), node.size()));
        }
        List<Map<String, String>> items = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            String itemPath = path + "[" + i + "]";
            JsonNode item = node.get(i);
            if (!item.isObject()) {
                problems.add(FieldProblem.of(
                        itemPath, "expectedObject", item.getNodeType().name().toLowerCase(Locale.ROOT)));
                continue;
            }
            Map<String, String> values = new LinkedHashMap<>();
            for (FieldSpec sub : field.fields()) {
                single(itemPath + "." + sub.name(), sub, sub.required(), at(item, sub.name()), problems)
                        .ifPresent(value -> values.put(sub.name(), value));
            }
            for (String unknown : unknownFields(field.fields(), item, itemPath + ".")) {
                problems.add(FieldProblem.of(unknown, "unknownFieldIn", path));
            }
            items.add(values);
        }
        return Optional.of(items);
    }

    private static boolean isAbsent(JsonNode node) {
        return node == null
                || node.isNull()
                || (node.isTextual() && node.asText().isBlank());
    }

    private static void checkDateOrder(CertificateType type, Map<String, String> values, List<FieldProblem> problems) {
        for (List<String> group : type.dateOrder()) {
            String previousName = null;
            LocalDate previous = null;
            for (String name : group) {
                String value = values.get(name);
                if (value == null || !DateInput.isFull(value)) {
                    // A partial birth date (1990, 1990-03) has no single place in the order: not compared.
                    continue;
                }
                LocalDate date = LocalDate.parse(value);
                if (previous != null && date.isBefore(previous)) {
                    problems.add(FieldProblem.of(name, "dateOrder", date, previousName, previous));
                }
                previous = date;
                previousName = name;
            }
        }
    }

    private static JsonNode at(JsonNode data, String path) {
        JsonNode node = data;
        for (String part : path.split("\\.")) {
            if (node == null || !node.isObject()) {
                return null;
            }
            node = node.get(part);
        }
        return node;
    }

    /** Paths in {@code data} that no declared field names, reported with {@code prefix} (e.g. {@code list[0].}). */
    private static Set<String> unknownFields(List<FieldSpec> fields, JsonNode data, String prefix) {
        Set<String> declared = new TreeSet<>();
        fields.forEach(field -> declared.add(field.name()));
        Set<String> unknown = new TreeSet<>();
        collect(data, "", declared, unknown);
        Set<String> prefixed = new TreeSet<>();
        unknown.forEach(path -> prefixed.add(prefix + path));
        return prefixed;
    }

    private static void collect(JsonNode node, String prefix, Set<String> declared, Set<String> unknown) {
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> entry = fields.next();
            String path = prefix + entry.getKey();
            if (declared.contains(path)) {
                continue;
            }
            boolean isParent = declared.stream().anyMatch(name -> name.startsWith(path + "."));
            if (isParent && entry.getValue().isObject()) {
                collect(entry.getValue(), path + ".", declared, unknown);
            } else {
                unknown.add(path);
            }
        }
    }
}
