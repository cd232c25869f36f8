package io.cachet.core.types;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cachet.core.CachetException;
import io.cachet.core.types.rules.BusinessRule;
import io.cachet.core.types.rules.BusinessRules;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Period;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The certificate types found in a templates folder: {@code types/<id>/} with {@code type.json},
 * {@code template.html}, {@code messages.properties} (French), {@code messages_en.properties} and
 * {@code sample.json}; and the fonts in {@code fonts/}. A type is added by dropping a folder: no Java change.
 */
public final class TypeCatalog {
    /** Where the bundled templates live on the class path (module {@code templates}). */
    public static final String CLASSPATH_ROOT = "cachet/templates";

    // FAIL_ON_NULL_FOR_PRIMITIVES stays off: with it, a field without "required" failed to load ("Cannot map
    // `null` into type `boolean`") although docs/templates.md gives it the default false.
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path root;
    private final Map<String, CertificateType> types;

    private TypeCatalog(Path root, Map<String, CertificateType> types) {
        this.root = root;
        this.types = types;
    }

    /** Loads every type under {@code root/types}. Any broken type folder is an error naming the file. */
    public static TypeCatalog load(Path root) {
        Path typesDirectory = root.resolve("types");
        if (!Files.isDirectory(typesDirectory)) {
            throw CachetException.configuration("templates folder " + root + " has no 'types' folder");
        }
        Map<String, CertificateType> types = new TreeMap<>();
        try (Stream<Path> folders = Files.list(typesDirectory)) {
            for (Path folder : folders.filter(Files::isDirectory).sorted().toList()) {
                CertificateType type = loadType(folder);
                types.put(type.id(), type);
            }
        } catch (IOException e) {
            throw CachetException.configuration("cannot list " + typesDirectory + ": " + e.getMessage(), e);
        }
        if (types.isEmpty()) {
            throw CachetException.configuration("templates folder " + root + " holds no certificate type");
        }
        // Sorted by id: listings, the quickstart table and the measured sizes in the spec come out in a stable order.
        return new TypeCatalog(root, java.util.Collections.unmodifiableMap(types));
    }

    /** Loads the templates bundled on the class path. */
    public static TypeCatalog loadBundled() {
        URL url = TypeCatalog.class.getClassLoader().getResource(CLASSPATH_ROOT + "/types");
        if (url == null) {
            throw CachetException.configuration(
                    "the bundled templates (" + CLASSPATH_ROOT + ") are not on the class path: pass --templates DIR");
        }
        try {
            URI uri = url.toURI();
            if ("jar".equals(uri.getScheme())) {
                FileSystem jar;
                try {
                    jar = FileSystems.newFileSystem(uri, Map.of());
                } catch (FileSystemAlreadyExistsException e) {
                    jar = FileSystems.getFileSystem(uri);
                }
                return load(jar.getPath("/" + CLASSPATH_ROOT));
            }
            return load(Path.of(uri).getParent());
        } catch (URISyntaxException | IOException e) {
            throw CachetException.configuration(
                    "cannot open the bundled templates at " + url + ": " + e.getMessage(), e);
        }
    }

    public Collection<CertificateType> types() {
        return types.values();
    }

    /** The prefix of shared fragment templates: {@code common/layout} is {@code common/layout.html}. */
    public static final String COMMON_PREFIX = "common/";

    /**
     * A shared template from {@code common/} (fragments every type may include with
     * {@code th:replace="~{common/layout :: seal}"}).
     */
    public String commonTemplate(String name) {
        String file = name.substring(COMMON_PREFIX.length());
        if (!file.matches("[a-z0-9-]+")) {
            throw CachetException.configuration(
                    "'" + name + "' is not a shared template name (common/lower-case-name)");
        }
        return read(root.resolve("common").resolve(file + ".html"));
    }

    public Optional<CertificateType> find(String id) {
        return Optional.ofNullable(types.get(id));
    }

    public CertificateType get(String id) {
        return find(id).orElseThrow(() -> CachetException.usage("unknown certificate type '" + id
                + "': known types are " + String.join(", ", types.keySet()) + " (see `cachet types`)"));
    }

    /** Every {@code .ttf} file in {@code fonts/}, by file name. */
    public Map<String, byte[]> fonts() {
        Path fonts = root.resolve("fonts");
        Map<String, byte[]> result = new TreeMap<>();
        if (!Files.isDirectory(fonts)) {
            return result;
        }
        try (Stream<Path> files = Files.list(fonts)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".ttf"))
                    .sorted()
                    .toList()) {
                result.put(file.getFileName().toString(), Files.readAllBytes(file));
            }
        } catch (IOException e) {
            throw CachetException.configuration("cannot read fonts in " + fonts + ": " + e.getMessage(), e);
        }
        return result;
    }

    @JsonIgnoreProperties(ignoreUnknown = false)
    private record Descriptor(
            @JsonProperty(value = "id", required = true) String id,
            @JsonProperty(value = "title", required = true) String title,
            @JsonProperty("validity") String validity,
            @JsonProperty(value = "fields", required = true) List<FieldSpec> fields,
            @JsonProperty("dateOrder") List<List<String>> dateOrder,
            @JsonProperty("rules") List<String> rules,
            @JsonProperty("twodoc") TwoDocMapping.Descriptor twoDoc) {}

    private static CertificateType loadType(Path folder) {
        Path descriptorFile = folder.resolve("type.json");
        Descriptor descriptor;
        JsonNode tree;
        try {
            tree = JSON.readTree(read(descriptorFile));
        } catch (IOException e) {
            throw CachetException.configuration(descriptorFile + " is not valid JSON: " + e.getMessage(), e);
        }
        try {
            descriptor = JSON.treeToValue(tree, Descriptor.class);
        } catch (JsonMappingException e) {
            throw CachetException.configuration(
                    descriptorFile + " is not a valid type descriptor: " + DescriptorProblems.describe(e, tree), e);
        } catch (IOException e) {
            throw CachetException.configuration(descriptorFile + " is not valid JSON: " + e.getMessage(), e);
        }
        if (descriptor == null) {
            throw CachetException.configuration(descriptorFile + " is empty: it must hold a type descriptor object");
        }
        String folderName = folder.getFileName().toString().replace("/", "");
        if (!descriptor.id().equals(folderName)) {
            throw CachetException.configuration(descriptorFile + " declares id '" + descriptor.id()
                    + "' but its folder is named '" + folderName + "'");
        }
        Optional<Period> validity = Optional.ofNullable(descriptor.validity())
                .map(text -> DescriptorProblems.validity(descriptorFile, text));
        Map<String, FieldSpec> byName = new HashMap<>();
        for (FieldSpec field : descriptor.fields()) {
            if (byName.put(field.name(), field) != null) {
                throw CachetException.configuration(
                        descriptorFile + ": the field '" + field.name() + "' is declared twice");
            }
        }
        DescriptorProblems.checkHolderFields(descriptorFile, byName);
        List<List<String>> dateOrder = descriptor.dateOrder() == null ? List.of() : descriptor.dateOrder();
        List<String> names = descriptor.fields().stream().map(FieldSpec::name).toList();
        for (List<String> group : dateOrder) {
            for (String name : group) {
                if (!names.contains(name)) {
                    throw CachetException.configuration(
                            descriptorFile + ": dateOrder names unknown field '" + name + "'");
                }
                if (byName.get(name).kind() != FieldSpec.Kind.DATE) {
                    throw CachetException.configuration(descriptorFile + ": dateOrder names the field '" + name
                            + "', of kind " + byName.get(name).kind().name().toLowerCase(java.util.Locale.ROOT)
                            + ": only date fields can be ordered");
                }
            }
        }
        List<BusinessRule> rules = new ArrayList<>();
        for (String ruleName : descriptor.rules() == null ? List.<String>of() : descriptor.rules()) {
            BusinessRule rule = BusinessRules.find(ruleName)
                    .orElseThrow(() -> CachetException.configuration(descriptorFile + ": unknown rule '" + ruleName
                            + "': known rules are " + String.join(", ", BusinessRules.names())));
            for (String field : rule.fields()) {
                if (!names.contains(field)) {
                    throw CachetException.configuration(descriptorFile + ": rule '" + ruleName + "' reads the field '"
                            + field + "', which the type does not declare");
                }
            }
            rules.add(rule);
        }
        Optional<TwoDocMapping> twoDoc = Optional.ofNullable(descriptor.twoDoc())
                .map(mapping ->
                        TwoDocMapping.check(descriptorFile, mapping, descriptor.fields(), validity.isPresent()));
        Map<String, Properties> messages = new HashMap<>();
        messages.put(CertificateType.DEFAULT_LANGUAGE, properties(folder.resolve("messages.properties")));
        Path english = folder.resolve("messages_en.properties");
        if (Files.exists(english)) {
            messages.put("en", properties(english));
        }
        return new CertificateType(
                descriptor.id(),
                descriptor.title(),
                validity,
                new ArrayList<>(descriptor.fields()),
                dateOrder,
                rules,
                read(folder.resolve("template.html")),
                messages,
                read(folder.resolve("sample.json")),
                twoDoc);
    }

    private static Properties properties(Path file) {
        Properties properties = new Properties();
        try (Reader reader = new StringReader(read(file))) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw CachetException.configuration("cannot read messages " + file + ": " + e.getMessage());
        }
        return properties;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw CachetException.configuration(
                    file + " is not UTF-8 text: save it as UTF-8 (type folders are UTF-8 throughout)", e);
        } catch (IOException e) {
            throw CachetException.configuration("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
