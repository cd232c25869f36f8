package io.cachet.issuer.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cachet.core.types.CertificateType;
import io.cachet.core.types.TypeCatalog;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The form of a type: its inputs from type.json, the posted form back to data, problems at their fields. */
class TypeFormTest {
    private static final TypeCatalog CATALOG = TypeCatalog.loadBundled();
    private final CertificateType family = CATALOG.get("family-reunification-deposit");

    @Test
    void postedFieldsBecomeTheDataOnlyTheTypesFieldsEmptyOnesAbsentEmptyRowsDropped() {
        Map<String, List<String>> form = new LinkedHashMap<>();
        form.put("holder.familyName", List.of("  N'DIAYE "));
        form.put("holder.givenNames", List.of(""));
        form.put("holder.birthDate", List.of("1990-01-31"));
        form.put("beneficiaries[0].familyName", List.of("N'DIAYE"));
        form.put("beneficiaries[0].relationship", List.of("enfant"));
        form.put("beneficiaries[1].familyName", List.of(""));
        form.put("beneficiaries[7].givenNames", List.of("Awa"));
        form.put("holder.isAdmin", List.of("true"));
        form.put("__proto__.x", List.of("y"));
        form.put("beneficiaries[0].unknown", List.of("z"));
        form.put("_csrf", List.of("token"));

        JsonNode data = TypeForm.data(family, form);

        assertThat(data.at("/holder/familyName").asText()).isEqualTo("N'DIAYE");
        assertThat(data.at("/holder/givenNames").isMissingNode()).isTrue();
        assertThat(data.at("/holder/isAdmin").isMissingNode()).isTrue();
        assertThat(data.has("__proto__")).isFalse();
        assertThat(data.get("beneficiaries")).hasSize(2);
        assertThat(data.at("/beneficiaries/0/relationship").asText()).isEqualTo("enfant");
        assertThat(data.at("/beneficiaries/0/unknown").isMissingNode()).isTrue();
        assertThat(data.at("/beneficiaries/1/givenNames").asText()).isEqualTo("Awa");
    }

    @Test
    void problemsAreShownAtTheirFieldsInTheListRowsAndTheRestApart() throws Exception {
        JsonNode data = new ObjectMapper().readTree(family.sampleJson());
        List<String> problems = List.of(
                "holder.familyName: required (Nom)",
                "beneficiaries[1].birthDate: 2031-01-01 is in the future",
                "family-beneficiaries: a rule across fields");

        List<TypeForm.Field> fields = TypeForm.fields(family, Locale.FRENCH, data, problems, 0, "à renseigner");

        TypeForm.Input familyName = fields.stream()
                .filter(field -> !field.isList() && field.input().name().equals("holder.familyName"))
                .findFirst()
                .orElseThrow()
                .input();
        assertThat(familyName.error()).isEqualTo("à renseigner");
        assertThat(familyName.describedBy()).contains(familyName.errorId());
        TypeForm.ListInput list = fields.stream()
                .filter(TypeForm.Field::isList)
                .findFirst()
                .orElseThrow()
                .list();
        assertThat(list.rows()).hasSize(data.get("beneficiaries").size() + TypeForm.SPARE_ROWS);
        assertThat(list.rows().get(1).stream()
                        .filter(input -> input.name().endsWith("birthDate"))
                        .findFirst()
                        .orElseThrow()
                        .error())
                .contains("in the future");
        assertThat(TypeForm.formProblems(family, problems))
                .containsExactly("family-beneficiaries: a rule across fields");
    }

    @Test
    void aListNeverShowsMoreRowsThanItsMaximumAndLabelsFollowTheLanguage() throws Exception {
        JsonNode data = new ObjectMapper().readTree(family.sampleJson());

        List<TypeForm.Field> fields = TypeForm.fields(family, Locale.ENGLISH, data, List.of(), 100, "required");

        TypeForm.ListInput list = fields.stream()
                .filter(TypeForm.Field::isList)
                .findFirst()
                .orElseThrow()
                .list();
        assertThat(list.rows()).hasSize(list.maxItems());
        assertThat(list.canAdd()).isFalse();
        assertThat(fields.get(0).input().id()).matches("f-[A-Za-z0-9-]+");
    }
}
