package io.cachet.core.twodoc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The specimens published in the specification's annex 16.2.1 decode field by field, and their signatures verify. */
class TwoDocSpecimensTest {
    static List<String> specimens() {
        return List.copyOf(TwoDocSpecimens.codes().keySet());
    }

    @ParameterizedTest
    @MethodSource("specimens")
    void everySpecimenDecodesReencodesIdenticallyAndVerifiesWithTheTestCertificate(String type) throws Exception {
        String code = TwoDocSpecimens.code(type);
        TwoDoc doc = TwoDocDecoder.decode(code);

        assertThat(doc.header().caId()).isEqualTo("FR00");
        assertThat(doc.header().certificateId()).isEqualTo("0001");
        assertThat(doc.header().perimeter()).isEqualTo("01");
        assertThat(doc.header().country()).isEqualTo("FR");
        assertThat(doc.header().documentType()).isEqualTo(type.substring(0, 2));
        String signed = code.substring(0, code.indexOf('\u001f'));
        assertThat(TwoDocEncoder.signedText(doc.content())).isEqualTo(signed);
        assertThat(TwoDocSignature.verify(doc, TwoDocSpecimens.antsTestCertificate()))
                .isEqualTo(new TwoDocVerification.Valid());
    }

    @Test
    void theForeignDocumentSpecimenDecodesFieldByField() throws Exception {
        TwoDoc doc = TwoDocDecoder.decode(TwoDocSpecimens.code("13"));

        assertThat(doc.header().issueDate()).contains(LocalDate.of(2020, 4, 6));
        assertThat(doc.header().signatureDate()).contains(LocalDate.of(2020, 6, 3));
        assertThat(doc.content().finalSeparator()).isFalse();
        assertThat(values(doc))
                .containsExactly(
                        Map.entry("6J", "2"),
                        Map.entry("6K", "9201202004012359123"),
                        Map.entry("6L", "01042020"),
                        Map.entry("6P", "AUTORISE A TRAVAILLER"),
                        Map.entry("6Q", "7503120521"),
                        Map.entry("62", "SPECIMEN"),
                        Map.entry("63", "BERTHIER SPECIMEN"),
                        Map.entry("60", "NATACHA/CORINNE"),
                        Map.entry("68", "F"),
                        Map.entry("69", "12071973"),
                        Map.entry("6A", "BUENOS AIRES"),
                        Map.entry("6C", "AR"),
                        Map.entry("67", "AR"),
                        Map.entry("6U", "145 AVENUE DES SPECIMENS"),
                        Map.entry("6W", "75000"),
                        Map.entry("6X", "PARIS"),
                        Map.entry("6M", "ENFANT ENTRE PAR REGROUPEMENT FAMILIAL"),
                        Map.entry("6N", "01052020"),
                        Map.entry("6O", "30062020"),
                        Map.entry("6Y", "FR"));
    }

    @Test
    void theAsylumApplicationSpecimenHasNoIssueDateAndAFinalSeparator() throws Exception {
        TwoDoc doc = TwoDocDecoder.decode(TwoDocSpecimens.code("16"));

        assertThat(doc.header().issueDate()).isEmpty();
        // The code says 1EBE (2021-07-19); the specification's caption beside it says 1EAD (2 July 2021). The
        // signature covers the code, which is what counts.
        assertThat(doc.header().signatureDate()).contains(LocalDate.of(2021, 7, 19));
        assertThat(doc.content().finalSeparator()).isTrue();
        assertThat(values(doc))
                .containsExactly(
                        Map.entry("62", "SPECIMEN"),
                        Map.entry("60", "NATACHA/CORRINE"),
                        Map.entry("6Q", "7503120521"),
                        Map.entry("6O", "30072021"),
                        Map.entry("69", "12071973"),
                        Map.entry("G0", "PN"),
                        Map.entry("G1", "BR"),
                        Map.entry("67", "XX"),
                        Map.entry("G2", "0782614686ABFG"));
    }

    @Test
    void theAllowanceEndSpecimenReadsAFullVariableValueWithoutSeparator() throws Exception {
        TwoDoc doc = TwoDocDecoder.decode(TwoDocSpecimens.code("17"));

        assertThat(doc.header().issueDate()).contains(LocalDate.of(2012, 11, 15));
        assertThat(doc.header().signatureDate()).contains(LocalDate.of(2012, 11, 12));
        // 6Q holds at most 10 characters: at 10, G3 follows without <GS> (§3.4.1).
        assertThat(values(doc))
                .containsExactly(
                        Map.entry("60", "JEAN/MARTIN"),
                        Map.entry("69", "25121969"),
                        Map.entry("6G", "DUPONT"),
                        Map.entry("6H", "M"),
                        Map.entry("6Q", "ABC4567890"),
                        Map.entry("G3", "07092022"),
                        Map.entry("G4", "0"),
                        Map.entry("G5", "DIRECTION TERRITORIALE DE CLERMONT FERRAND"));
        assertThat(doc.content().finalSeparator()).isFalse();
    }

    @Test
    void theStudentContributionSpecimenKeepsAnEmptyValue() throws Exception {
        TwoDoc doc = TwoDocDecoder.decode(TwoDocSpecimens.code("B1"));

        assertThat(doc.header().issueDate()).contains(LocalDate.of(2018, 6, 25));
        assertThat(doc.value("B3")).contains("");
        assertThat(doc.value("BK")).contains("18-ROSWFTHR-35");
        assertThat(doc.value("B7")).contains("12071973");
        assertThat(doc.value("BB")).contains("9654321785T");
        assertThat(doc.value("G0")).isEqualTo(Optional.empty());
    }

    @Test
    void theWorkAuthorisationSpecimenDecodesItsEmployerFields() throws Exception {
        TwoDoc doc = TwoDocDecoder.decode(TwoDocSpecimens.code("15"));

        assertThat(doc.header().issueDate()).contains(LocalDate.of(2020, 12, 4));
        assertThat(doc.value("5N")).contains("123456789101112131415");
        assertThat(doc.value("5S")).contains("DIRECTRICE RESSOURCES HUMAINES");
        assertThat(doc.value("5T")).contains("1");
        assertThat(doc.value("55")).contains("17122020");
        assertThat(doc.value("50")).contains("13001759300034");
        assertThat(doc.value("5M")).contains("SPECIMEN COMPANY SA");
        assertThat(doc.value("66")).contains("07CD12304");
    }

    @Test
    void theBailiffSpecimenCarriesItsUrlInBase32() throws Exception {
        TwoDoc doc = TwoDocDecoder.decode(TwoDocSpecimens.code("12"));

        // The specification's own listing of the signed data puts a <GS> after the fixed-length 96; the signature
        // verifies over the code as written, which has none (§3.4.1).
        assertThat(doc.value("96")).contains("21112017");
        assertThat(doc.value("91")).contains("MME/BERTHIER/CORINNE");
        assertThat(new String(
                        new org.apache.commons.codec.binary.Base32()
                                .decode(doc.value("0C").orElseThrow()),
                        java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo("huissier-justice.fr/1896547853AB");
    }

    private static List<Map.Entry<String, String>> values(TwoDoc doc) {
        return doc.content().fields().stream()
                .map(f -> Map.entry(f.identifier(), f.value()))
                .toList();
    }
}
