package io.cachet.issuer.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachet.core.types.CertificateType;
import io.cachet.core.types.FieldSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A certificate type's form, generated from its {@code type.json}: one input per field (labels in the page's
 * language from the type's messages, the input type from the field's kind, required and length constraints), lists
 * as rows of inputs; the values the agent typed and the problems the validator found, each at its field. Also turns
 * the posted form back into the certificate's data (empty inputs are absent, empty list rows dropped).
 */
public final class TypeForm {
    /** List rows shown beyond those filled, so that one more item can be typed without JavaScript. */
    static final int SPARE_ROWS = 1;

    private static final Pattern LIST_INPUT = Pattern.compile("([A-Za-z0-9_.]+)\\[(\\d{1,3})]\\.([A-Za-z0-9_]+)");

    /** One input. {@code name} is the data path, also the problem's path; {@code id} is safe in HTML ids. */
    public record Input(
            String name,
            String id,
            String label,
            String help,
            String kind,
            boolean required,
            Integer maxLength,
            List<String> values,
            String value,
            String error) {
        public String errorId() {
            return id + "-error";
        }

        public String helpId() {
            return id + "-help";
        }

        public String describedBy() {
            return (help.isEmpty() ? "" : helpId()) + (error.isEmpty() ? "" : (help.isEmpty() ? "" : " ") + errorId());
        }
    }

    /** A list field: its rows of inputs, within its bounds. */
    public record ListInput(
            String name,
            String id,
            String label,
            boolean required,
            int minItems,
            int maxItems,
            List<List<Input>> rows,
            String error) {
        public boolean canAdd() {
            return rows.size() < maxItems;
        }
    }

    /** A field of the form: an input or a list, in the type's order. */
    public record Field(Input input, ListInput list) {
        public boolean isList() {
            return list != null;
        }
    }

    private TypeForm() {}

    /**
     * The fields of {@code type} filled from {@code data}, with {@code problems} ("path: message") at their fields.
     *
     * @param extraRows how many more rows each list shows (the agent asked for a row)
     * @param required how the page says that a required field is missing
     */
    static List<Field> fields(
            CertificateType type, Locale locale, JsonNode data, List<String> problems, int extraRows, String required) {
        Properties messages = type.messages(locale);
        Map<String, String> errors = errorsByPath(problems, required);
        List<Field> fields = new ArrayList<>();
        for (FieldSpec spec : type.fields()) {
            if (spec.kind() == FieldSpec.Kind.LIST) {
                JsonNode items = valueAt(data, spec.name());
                int filled = items.isArray() ? items.size() : 0;
                int shown = Math.min(
                        spec.maxItemsOrDefault(),
                        Math.max(Math.max(filled + SPARE_ROWS, spec.minItemsOrDefault()), 1) + extraRows);
                List<List<Input>> rows = new ArrayList<>();
                for (int row = 0; row < shown; row++) {
                    List<Input> inputs = new ArrayList<>();
                    JsonNode item = items.isArray() && row < items.size()
                            ? items.get(row)
                            : JsonNodeFactory.instance.objectNode();
                    for (FieldSpec sub : spec.fields()) {
                        String name = spec.name() + "[" + row + "]." + sub.name();
                        String label = messages.getProperty(spec.name() + "." + sub.name(), sub.label());
                        inputs.add(input(sub, name, label, messages, text(item.path(sub.name())), errors.get(name)));
                    }
                    rows.add(inputs);
                }
                fields.add(new Field(
                        null,
                        new ListInput(
                                spec.name(),
                                htmlId(spec.name()),
                                messages.getProperty(spec.name(), spec.label()),
                                spec.required(),
                                spec.minItemsOrDefault(),
                                spec.maxItemsOrDefault(),
                                rows,
                                Optional.ofNullable(errors.get(spec.name())).orElse(""))));
            } else {
                String label = messages.getProperty(spec.name(), spec.label());
                fields.add(new Field(
                        input(
                                spec,
                                spec.name(),
                                label,
                                messages,
                                text(valueAt(data, spec.name())),
                                errors.get(spec.name())),
                        null));
            }
        }
        return fields;
    }

    /** Problems that belong to no field of the form (business rules across fields, unknown fields). */
    static List<String> formProblems(CertificateType type, List<String> problems) {
        List<String> names = new ArrayList<>();
        for (FieldSpec spec : type.fields()) {
            names.add(spec.name());
        }
        List<String> left = new ArrayList<>();
        for (String problem : problems) {
            String path = pathOf(problem);
            String base = path.replaceAll("\\[\\d+].*$", "");
            if (!names.contains(base)) {
                left.add(problem);
            }
        }
        return left;
    }

    /** The certificate's data from a posted form: the type's fields only, empty inputs absent, empty rows dropped. */
    static ObjectNode data(CertificateType type, Map<String, List<String>> form) {
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        Map<String, Map<Integer, Map<String, String>>> lists = new HashMap<>();
        for (Map.Entry<String, List<String>> entry : form.entrySet()) {
            Matcher item = LIST_INPUT.matcher(entry.getKey());
            if (item.matches() && !entry.getValue().isEmpty()) {
                lists.computeIfAbsent(item.group(1), any -> new java.util.TreeMap<>())
                        .computeIfAbsent(Integer.parseInt(item.group(2)), any -> new LinkedHashMap<>())
                        .put(item.group(3), entry.getValue().get(0));
            }
        }
        for (FieldSpec spec : type.fields()) {
            if (spec.kind() == FieldSpec.Kind.LIST) {
                ArrayNode items = JsonNodeFactory.instance.arrayNode();
                for (Map<String, String> row :
                        lists.getOrDefault(spec.name(), Map.of()).values()) {
                    ObjectNode item = JsonNodeFactory.instance.objectNode();
                    for (FieldSpec sub : spec.fields()) {
                        String value = row.getOrDefault(sub.name(), "").strip();
                        if (!value.isEmpty()) {
                            item.put(sub.name(), value);
                        }
                    }
                    if (!item.isEmpty()) {
                        items.add(item);
                    }
                }
                if (!items.isEmpty()) {
                    put(data, spec.name(), items);
                }
            } else {
                List<String> values = form.getOrDefault(spec.name(), List.of());
                String value = values.isEmpty() ? "" : values.get(0).strip();
                if (!value.isEmpty()) {
                    put(data, spec.name(), JsonNodeFactory.instance.textNode(value));
                }
            }
        }
        return data;
    }

    private static Input input(
            FieldSpec spec, String name, String label, Properties messages, String value, String error) {
        String help = messages.getProperty(name.replaceAll("\\[\\d+]", "") + ".help", "");
        String kind =
                switch (spec.kind()) {
                    case DATE -> "date";
                    case TIME -> "time";
                    case CHOICE -> "choice";
                    default -> "text";
                };
        return new Input(
                name,
                htmlId(name),
                label,
                help,
                kind,
                spec.required(),
                spec.maxLength(),
                spec.values(),
                value,
                error == null ? "" : error);
    }

    /** The problems by field path; the validator's "required (label)" said in the page's language. */
    private static Map<String, String> errorsByPath(List<String> problems, String required) {
        Map<String, String> errors = new LinkedHashMap<>();
        for (String problem : problems) {
            String path = pathOf(problem);
            String message = problem.length() > path.length() + 1
                    ? problem.substring(path.length() + 1).strip()
                    : problem;
            if (message.startsWith("required (")) {
                message = required + message.substring(message.indexOf(')') + 1);
            }
            errors.merge(path, message, (first, second) -> first + "; " + second);
        }
        return errors;
    }

    private static String pathOf(String problem) {
        int colon = problem.indexOf(':');
        return colon < 0 ? problem : problem.substring(0, colon);
    }

    static String htmlId(String name) {
        return "f-" + name.replaceAll("[^A-Za-z0-9]+", "-");
    }

    private static JsonNode valueAt(JsonNode data, String path) {
        return data.at(pathNodes(path));
    }

    private static String pathNodes(String dotted) {
        return "/" + dotted.replace(".", "/");
    }

    private static String text(JsonNode node) {
        return node == null || node.isMissingNode() || node.isNull() ? "" : node.asText();
    }

    private static void put(ObjectNode data, String dotted, JsonNode value) {
        String[] parts = dotted.split("\\.");
        ObjectNode parent = data;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode child = parent.get(parts[i]);
            parent = child instanceof ObjectNode object ? object : parent.putObject(parts[i]);
        }
        parent.set(parts[parts.length - 1], value);
    }
}
