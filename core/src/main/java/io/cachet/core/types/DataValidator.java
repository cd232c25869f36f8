package io.cachet.core.types;

import com.fasterxml.jackson.databind.JsonNode;
import io.cachet.core.CachetException;
import io.cachet.core.seal.Holder;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks input data against a type's declared fields and rules, and reports every problem at once, each with its
 * field path, so that a clerk fixes a file in one pass. Nothing is issued when any problem is found.
 */
public final class DataValidator {
    /** Fields every type must have: they identify the holder in the seal. */
    public static final List<String> HOLDER_FIELDS =
            List.of("holder.familyName", "holder.givenNames", "holder.birthDate");

    private DataValidator() {}

    public static ValidatedData validate(CertificateType type, JsonNode data) {
        List<String> problems = new ArrayList<>();
        if (data == null || !data.isObject()) {
            throw CachetException.invalidInput(
                    "the data must be a JSON object", List.of("(root): expected a JSON object"));
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (FieldSpec field : type.fields()) {
            JsonNode node = at(data, field.name());
            if (node == null
                    || node.isNull()
                    || (node.isTextual() && node.asText().isBlank())) {
                if (field.required() || HOLDER_FIELDS.contains(field.name())) {
                    problems.add(field.name() + ": required (" + field.label() + ")");
                }
                continue;
            }
            if (!node.isTextual()) {
                problems.add(field.name() + ": expected text, found "
                        + node.getNodeType().name().toLowerCase());
                continue;
            }
            String value = node.asText().strip();
            switch (field.kind()) {
                case TEXT -> {
                    if (value.length() > field.maxLengthOrDefault()) {
                        problems.add(field.name() + ": longer than " + field.maxLengthOrDefault() + " characters");
                    } else if (value.chars().anyMatch(c -> Character.isISOControl(c))) {
                        problems.add(field.name() + ": contains control characters");
                    }
                }
                case DATE -> {
                    if (!isDate(value)) {
                        problems.add(field.name() + ": '" + value + "' is not a date in the form YYYY-MM-DD");
                    }
                }
                case CHOICE -> {
                    if (!field.values().contains(value)) {
                        problems.add(field.name() + ": '" + value + "' is not one of " + field.values());
                    }
                }
            }
            values.put(field.name(), value);
        }
        for (String holderField : HOLDER_FIELDS) {
            if (type.fields().stream().noneMatch(field -> field.name().equals(holderField))) {
                throw CachetException.configuration("type " + type.id() + " does not declare the field " + holderField);
            }
        }
        for (String unknown : unknownFields(type, data)) {
            problems.add(unknown + ": unknown field for type " + type.id());
        }
        checkDateOrder(type, values, problems);
        if (!problems.isEmpty()) {
            throw CachetException.invalidInput(
                    problems.size() + " problem(s) in the data for type " + type.id(), problems);
        }
        Holder holder = new Holder(
                values.get("holder.familyName"), values.get("holder.givenNames"), values.get("holder.birthDate"));
        return new ValidatedData(type, holder, values);
    }

    private static void checkDateOrder(CertificateType type, Map<String, String> values, List<String> problems) {
        for (List<String> group : type.dateOrder()) {
            String previousName = null;
            LocalDate previous = null;
            for (String name : group) {
                String value = values.get(name);
                if (value == null || !isDate(value)) {
                    continue;
                }
                LocalDate date = LocalDate.parse(value);
                if (previous != null && date.isBefore(previous)) {
                    problems.add(name + ": " + value + " is before " + previousName + " (" + previous + ")");
                }
                previous = date;
                previousName = name;
            }
        }
    }

    private static boolean isDate(String value) {
        try {
            return value.length() == 10 && LocalDate.parse(value) != null;
        } catch (DateTimeParseException e) {
            return false;
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

    private static Set<String> unknownFields(CertificateType type, JsonNode data) {
        Set<String> declared = new TreeSet<>();
        type.fields().forEach(field -> declared.add(field.name()));
        Set<String> unknown = new TreeSet<>();
        collect(data, "", declared, unknown);
        return unknown;
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
