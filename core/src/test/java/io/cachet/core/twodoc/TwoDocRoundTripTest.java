package io.cachet.core.twodoc;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachet.core.TemplateFolders;
import io.cachet.core.TestKeys;
import io.cachet.core.types.CertificateType;
import io.cachet.core.types.DataJson;
import io.cachet.core.types.DataValidator;
import io.cachet.core.types.TwoDocMapping;
import io.cachet.core.types.TypeCatalog;
import io.cachet.core.types.ValidatedData;
import java.awt.image.BufferedImage;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every certificate type's sample becomes a 2D-Doc through its type's mapping: encoding, decoding and encoding
 * again gives the same text; the signature verifies; the DataMatrix rendered at 300 dpi reads back to the same text.
 */
class TwoDocRoundTripTest {
    private static final TypeCatalog CATALOG = TypeCatalog.load(TemplateFolders.SOURCE);
    private static final TestKeys KEYS = TestKeys.create(Instant.now().minusSeconds(3600));
    private static final TwoDocSigner SIGNER = new TwoDocSigner(KEYS.signer(), "FR00", "0001");
    private static final String CERTIFICATE_ID = "7K2M-9QXH-4TWD-R8NB-5";
    private static final LocalDate ISSUED = LocalDate.of(2026, 11, 20);

    static List<String> types() {
        return CATALOG.types().stream().map(CertificateType::id).toList();
    }

    @ParameterizedTest
    @MethodSource("types")
    void everyTypesSampleRoundTripsAndVerifies(String typeId) throws Exception {
        CertificateType type = CATALOG.get(typeId);
        TwoDocMapping mapping = type.twoDoc().orElseThrow();
        ValidatedData data = DataValidator.validate(type, DataJson.parse(type.sampleJson(), typeId));
        Optional<LocalDate> expires = type.validity().map(ISSUED::plus);
        TwoDocContent content = mapping.content(data, CERTIFICATE_ID, ISSUED, expires, SIGNER);

        String code = TwoDocEncoder.encode(content, SIGNER);
        TwoDoc decoded = TwoDocDecoder.decode(code);

        assertThat(decoded.content()).isEqualTo(content);
        assertThat(TwoDocEncoder.signedText(decoded.content())).isEqualTo(code.substring(0, code.indexOf('\u001f')));
        assertThat(decoded.header().documentType()).isEqualTo(mapping.documentType());
        assertThat(decoded.header().issueDate()).contains(ISSUED);
        assertThat(decoded.value("01")).contains("7K2M9QXH4TWDR8NB5");
        assertThat(decoded.value("62")).isPresent();
        assertThat(decoded.value("69")).isPresent();
        assertThat(TwoDocSignature.verify(
                        decoded,
                        new TwoDocCertificate("FR00", "0001", KEYS.signer().certificate())))
                .isEqualTo(new TwoDocVerification.Valid());
        expires.ifPresent(day -> assertThat(decoded.value("08")).contains(TwoDocDates.hex(Optional.of(day))));

        BufferedImage image = TwoDocMatrix.render(code, 300);
        assertThat(TwoDocMatrix.read(image))
                .as(
                        "the DataMatrix of %s (%d characters, %dx%d pixels)",
                        typeId, code.length(), image.getWidth(), image.getHeight())
                .contains(code);
    }
}
