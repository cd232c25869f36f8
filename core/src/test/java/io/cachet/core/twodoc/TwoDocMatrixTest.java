package io.cachet.core.twodoc;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.common.BitMatrix;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class TwoDocMatrixTest {
    @Test
    void aSpecimenRenderedAt300DpiHasModulesOfAtLeastFourTenthsOfAMillimetreAndReadsBack() {
        String code = TwoDocSpecimens.code("16");
        BitMatrix modules = TwoDocMatrix.modules(code);
        BufferedImage image = TwoDocMatrix.render(code, 300);

        assertThat(modules.getWidth()).as("square symbol").isEqualTo(modules.getHeight());
        assertThat(TwoDocMatrix.modulePixels(300)).isEqualTo(5);
        assertThat(5 * 25.4 / 300).isGreaterThanOrEqualTo(TwoDocMatrix.MODULE_MILLIMETRES);
        assertThat(image.getWidth()).isEqualTo((modules.getWidth() + 2 * TwoDocMatrix.QUIET_ZONE_MODULES) * 5);
        assertThat(TwoDocMatrix.read(image)).contains(code);
    }

    @Test
    void forcedC40MakesNoLargerSymbolThanZxingsDefaultEncodation() {
        StringBuilder sizes = new StringBuilder();
        for (String type : TwoDocSpecimens.codes().keySet()) {
            String code = TwoDocSpecimens.code(type);
            int c40 = TwoDocMatrix.modules(code, true).getWidth();
            int automatic = TwoDocMatrix.modules(code, false).getWidth();
            sizes.append(type)
                    .append(": ")
                    .append(code.length())
                    .append(" characters, C40 ")
                    .append(c40)
                    .append(", default ")
                    .append(automatic)
                    .append("; ");
            assertThat(c40).as(sizes.toString()).isLessThanOrEqualTo(automatic);
        }
    }

    @Test
    void lowerCaseTextIsLeftToZxingsOwnEncodation() {
        assertThat(TwoDocMatrix.c40Friendly("DC04FR00\u001d")).isTrue();
        assertThat(TwoDocMatrix.c40Friendly("dc04")).isFalse();
        assertThat(TwoDocMatrix.read(TwoDocMatrix.render("hello 2D-Doc", 300))).contains("hello 2D-Doc");
    }

    @Test
    void anImageWithoutSymbolReadsNothing() {
        BufferedImage blank = new BufferedImage(200, 200, BufferedImage.TYPE_BYTE_BINARY);
        assertThat(TwoDocMatrix.read(blank)).isEmpty();
    }
}
