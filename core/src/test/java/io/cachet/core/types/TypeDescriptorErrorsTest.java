package io.cachet.core.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cachet.core.CachetException;
import io.cachet.core.TemplateFolders;
import java.nio.file.Files;
import java.nio.file.Path;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bad value in a {@code type.json} stops the catalogue from loading with a configuration error
 * that names the file, the field and the value; it never surfaces as an IllegalArgumentException at issuance.
 */
class TypeDescriptorErrorsTest {
    @TempDir
    Path folder;

    private Path descriptor;

    /** Loads a copy of the bundled templates whose visa-validation type.json has {@code from} replaced by {@code to}. */
    private AbstractThrowableAssert<?, ? extends Throwable> loadingWith(String from, String to) throws Exception {
        Path root = TemplateFolders.copy(folder);
        descriptor = root.resolve("types/visa-validation/type.json");
        String original = Files.readString(descriptor);
        assertThat(original).contains(from);
        Files.writeString(descriptor, original.replace(from, to));
        return assertThatThrownBy(() -> TypeCatalog.load(root))
                .isInstanceOfSatisfying(
                        CachetException.class, e -> assertThat(e.kind()).isEqualTo(CachetException.Kind.CONFIGURATION))
                .hasMessageContaining(descriptor.toString());
    }

    @Test
    void aZeroValidityIsRefusedAtLoad() throws Exception {
        loadingWith("\"P1Y\"", "\"P0D\"")
                .hasMessageContaining("validity 'P0D' must be a positive period")
                .hasMessageContaining("leaves validity out");
    }

    @Test
    void aNegativeValidityIsRefusedAtLoad() throws Exception {
        loadingWith("\"P1Y\"", "\"P1Y-2M\"").hasMessageContaining("validity 'P1Y-2M' must be a positive period");
    }

    @Test
    void anUnparsableValidityIsRefusedAtLoad() throws Exception {
        loadingWith("\"P1Y\"", "\"1 an\"").hasMessageContaining("validity '1 an' is not an ISO 8601 period");
    }

    @Test
    void aValidityBeyondAHundredYearsIsRefusedAtLoad() throws Exception {
        loadingWith("\"P1Y\"", "\"P999999999Y\"")
                .hasMessageContaining("validity 'P999999999Y' is longer than 100 years");
    }

    @Test
    void anUnknownFieldKindNamesTheFieldAndTheKinds() throws Exception {
        loadingWith("\"label\": \"Sexe\", \"kind\": \"choice\"", "\"label\": \"Sexe\", \"kind\": \"choix\"")
                .hasMessageContaining(
                        "fields[5] (holder.sex).kind: kind 'choix' is not one of text, date, choice," + " time, list");
    }

    @Test
    void aNonPositiveMaxLengthNamesTheFieldAndTheValue() throws Exception {
        loadingWith(
                        "\"Nom\", \"kind\": \"text\", \"required\": true, \"maxLength\": 80",
                        "\"Nom\", \"kind\": \"text\"," + " \"required\": true, \"maxLength\": 0")
                .hasMessageContaining("fields[0] (holder.familyName)")
                .hasMessageContaining("maxLength 0 must be at least 1");
    }

    @Test
    void aMaxLengthThatIsNotANumberNamesTheFieldAndTheValue() throws Exception {
        loadingWith("\"maxLength\": 80}", "\"maxLength\": \"long\"}")
                .hasMessageContaining("fields[0] (holder.familyName).maxLength: 'long' is not a valid integer");
    }

    @Test
    void anUnknownPropertyIsNamedWithItsField() throws Exception {
        loadingWith("\"kind\": \"date\", \"required\": true}", "\"kind\": \"date\", \"requried\": true}")
                .hasMessageContaining("(holder.birthDate)")
                .hasMessageContaining("unknown property 'requried'");
    }

    @Test
    void aHolderFieldOfTheWrongKindIsRefused() throws Exception {
        loadingWith(
                        "\"label\": \"Date de naissance\", \"kind\": \"date\"",
                        "\"label\": \"Date de naissance\", \"kind\": \"text\"")
                .hasMessageContaining("the field 'holder.birthDate' is of kind text; it must be of kind date");
    }

    @Test
    void aTypeWithoutTheHoldersBirthDateIsRefusedAtLoad() throws Exception {
        loadingWith("\"holder.birthDate\"", "\"holder.birthDay\"")
                .hasMessageContaining("declares no field 'holder.birthDate'");
    }

    @Test
    void aFieldDeclaredTwiceIsRefused() throws Exception {
        loadingWith("\"holder.birthPlace\"", "\"holder.nationality\"")
                .hasMessageContaining("the field 'holder.nationality' is declared twice");
    }

    @Test
    void aDateOrderOverATextFieldIsRefused() throws Exception {
        loadingWith("\"rules\": [", "\"dateOrder\": [[\"entryDate\", \"directorate\"]],\n  \"rules\": [")
                .hasMessageContaining("dateOrder names the field 'directorate', of kind text");
    }

    @Test
    void aFieldWithoutRequiredIsOptionalAsDocumented() throws Exception {
        Path root = TemplateFolders.copy(folder);
        Path file = root.resolve("types/visa-validation/type.json");
        String original = Files.readString(file);
        String withoutRequired = original.replace(
                "\"label\": \"Motif de dispense du CIR\", \"kind\": \"text\", \"required\": false,",
                "\"label\": \"Motif de dispense du CIR\", \"kind\": \"text\",");
        assertThat(withoutRequired).isNotEqualTo(original);
        Files.writeString(file, withoutRequired);

        FieldSpec reason = TypeCatalog.load(root).get("visa-validation").fields().stream()
                .filter(field -> field.name().equals("cirExemptionReason"))
                .findFirst()
                .orElseThrow();

        assertThat(reason.required()).isFalse();
    }

    @Test
    void aTypeJsonSavedInWindows1252IsNamedAsNotUtf8() throws Exception {
        Path root = TemplateFolders.copy(folder);
        Path file = root.resolve("types/visa-validation/type.json");
        Files.write(file, Files.readString(file).getBytes(java.nio.charset.Charset.forName("windows-1252")));

        assertThatThrownBy(() -> TypeCatalog.load(root))
                .isInstanceOf(CachetException.class)
                .hasMessageContaining(file + " is not UTF-8 text")
                .hasMessageNotContaining("Input length");
    }
}
