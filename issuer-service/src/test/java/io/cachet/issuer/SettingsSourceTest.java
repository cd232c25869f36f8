package io.cachet.issuer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cachet.core.CachetException;
import io.cachet.issuer.ui.UiSettings;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The service's settings: the home's file, overridden by each setting's environment variable. */
class SettingsSourceTest {
    private static final Map<String, String> VARIABLES = Map.of("issuer.ui.url", "CACHET_ISSUER_UI_URL");

    @Test
    void theEnvironmentWinsUnlessBlankAndValuesAreStripped() {
        Map<String, String> file = Map.of("issuer.ui.url", " https://file.example ");

        assertThat(new SettingsSource(file, Map.of("CACHET_ISSUER_UI_URL", "https://env.example"), VARIABLES)
                        .get("issuer.ui.url"))
                .contains("https://env.example");
        assertThat(new SettingsSource(file, Map.of("CACHET_ISSUER_UI_URL", "  "), VARIABLES).get("issuer.ui.url"))
                .contains("https://file.example");
        assertThat(new SettingsSource(Map.of("issuer.ui.url", " "), Map.of(), VARIABLES).get("issuer.ui.url"))
                .isEmpty();
    }

    @Test
    void aSettingIsNamedWithItsVariableAndAnUndeclaredOneIsAProgrammingError() {
        SettingsSource settings = new SettingsSource(Map.of(), Map.of(), VARIABLES);

        assertThat(settings.describe("issuer.ui.url")).isEqualTo("issuer.ui.url (CACHET_ISSUER_UI_URL)");
        assertThatThrownBy(() -> settings.get("issuer.ui.colour")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void thePagesSettingsNameEveryBadSettingWithItsVariable() {
        Map<String, String> file =
                Map.of(UiSettings.CLIENT_ID, "cachet-ui", UiSettings.URL, "ftp://issuer", UiSettings.IDLE_MINUTES, "2");

        assertThatThrownBy(() -> UiSettings.from(file, Map.of()))
                .isInstanceOf(CachetException.class)
                .hasMessageContaining("issuer.ui.url (CACHET_ISSUER_UI_URL)")
                .hasMessageContaining("issuer.ui.idle-minutes (CACHET_ISSUER_UI_IDLE_MINUTES) must be 5 to 480");
        assertThat(UiSettings.from(Map.of(), Map.of()))
                .as("no client id: the API only")
                .isEmpty();
        assertThat(UiSettings.from(
                        Map.of(UiSettings.CLIENT_ID, "cachet-ui"),
                        Map.of("CACHET_ISSUER_UI_URL", "https://issuer.ofii.example")))
                .hasValueSatisfying(ui -> assertThat(ui.idleTimeout()).hasMinutes(30));
    }
}
