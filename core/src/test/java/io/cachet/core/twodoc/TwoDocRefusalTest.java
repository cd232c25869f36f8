package io.cachet.core.twodoc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.cachet.core.TestKeys;
import io.cachet.core.keys.DevelopmentPki;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Each broken rule of a 2D-Doc text is refused with the reason code naming it and a message saying where. */
class TwoDocRefusalTest {
    private static final TestKeys KEYS = TestKeys.create(Instant.now().minusSeconds(3600));
    private static final TwoDocSigner SIGNER = new TwoDocSigner(KEYS.signer(), "FR00", "0001");
    private static final TwoDocCertificate CERTIFICATE =
            new TwoDocCertificate("FR00", "0001", KEYS.signer().certificate());

    /** A code of our own: 62 variable, 60 variable, 6Q full (10), 69 fixed, G2 variable last. */
    private static final String CODE = TwoDocEncoder.encode(
            new TwoDocContent(
                    new TwoDocHeader(
                            "FR00",
                            "0001",
                            Optional.of(LocalDate.of(2026, 11, 4)),
                            Optional.of(LocalDate.of(2026, 11, 5)),
                            "16",
                            "01",
                            "FR"),
                    List.of(
                            TwoDocField.of("62", "HAIDARI"),
                            TwoDocField.of("60", "MOHAMMAD REZA"),
                            TwoDocField.of("6Q", "7526041872"),
                            TwoDocField.of("69", "30081996"),
                            TwoDocField.of("G2", "7K2M9QXH4TWDR8NB5"))),
            SIGNER);

    private static final String GS = "\u001d";
    private static final String RS = "\u001e";
    private static final String US = "\u001f";

    @Test
    void theCodeOfReferenceIsWrittenInCanonicalFormAndVerifies() throws Exception {
        assertThat(CODE.substring(0, CODE.indexOf(US)))
                .isEqualTo("DC04FR000001264C264D1601FR62HAIDARI" + GS + "60MOHAMMAD REZA" + GS
                        + "6Q75260418726930081996G27K2M9QXH4TWDR8NB5");
        TwoDoc doc = TwoDocDecoder.decode(CODE);
        assertThat(TwoDocSignature.verify(doc, CERTIFICATE)).isEqualTo(new TwoDocVerification.Valid());
    }

    @Test
    void aTamperedValueNoLongerVerifies() throws Exception {
        TwoDoc doc = TwoDocDecoder.decode(CODE.replace("HAIDARI", "HAIDARY"));

        assertThat(TwoDocSignature.verify(doc, CERTIFICATE))
                .isInstanceOfSatisfying(
                        TwoDocVerification.Rejected.class,
                        r -> assertThat(r.reason()).isEqualTo(TwoDocReason.SIGNATURE_INVALID));
    }

    @Test
    void aTamperedHeaderDateNoLongerVerifies() throws Exception {
        TwoDoc doc = TwoDocDecoder.decode(CODE.replace("264C264D", "264B264D"));

        assertThat(TwoDocSignature.verify(doc, CERTIFICATE))
                .isInstanceOfSatisfying(
                        TwoDocVerification.Rejected.class,
                        r -> assertThat(r.reason()).isEqualTo(TwoDocReason.SIGNATURE_INVALID));
    }

    @Test
    void anotherKeysCertificateDoesNotVerify() throws Exception {
        KeyPair other = DevelopmentPki.newP256KeyPair();
        X509Certificate root =
                DevelopmentPki.rootCertificate(other, true, Instant.now().minusSeconds(60));
        TwoDoc doc = TwoDocDecoder.decode(CODE);

        assertThat(TwoDocSignature.verify(doc, new TwoDocCertificate("FR00", "0001", root)))
                .isInstanceOfSatisfying(
                        TwoDocVerification.Rejected.class,
                        r -> assertThat(r.reason()).isEqualTo(TwoDocReason.SIGNATURE_INVALID));
    }

    @Test
    void aCertificateUnderAnotherIdIsRefusedBeforeTheSignatureIsChecked() throws Exception {
        TwoDoc doc = TwoDocDecoder.decode(CODE);

        TwoDocVerification verification = TwoDocSignature.verify(
                doc, new TwoDocCertificate("FR00", "0002", KEYS.signer().certificate()));

        assertThat(verification).isInstanceOfSatisfying(TwoDocVerification.Rejected.class, r -> {
            assertThat(r.reason()).isEqualTo(TwoDocReason.CERTIFICATE_MISMATCH);
            assertThat(r.message()).contains("FR00/0001").contains("FR00/0002");
        });
    }

    @Test
    void aCodeWhoseHeaderNamesAnotherCertificateIsRefused() throws Exception {
        TwoDoc doc = TwoDocDecoder.decode(CODE.replace("DC04FR000001", "DC04FR000009"));

        assertThat(TwoDocSignature.verify(doc, CERTIFICATE))
                .isInstanceOfSatisfying(
                        TwoDocVerification.Rejected.class,
                        r -> assertThat(r.reason()).isEqualTo(TwoDocReason.CERTIFICATE_MISMATCH));
    }

    @Test
    void theSpecimenFailsWithOurCertificateAndOursWithTheSpecimens() throws Exception {
        TwoDoc specimen = TwoDocDecoder.decode(TwoDocSpecimens.code("16"));

        assertThat(TwoDocSignature.verify(specimen, KEYS.signer().certificate()))
                .isInstanceOf(TwoDocVerification.Rejected.class);
        assertThat(TwoDocSignature.verify(TwoDocDecoder.decode(CODE), TwoDocSpecimens.certificate()))
                .isInstanceOf(TwoDocVerification.Rejected.class);
    }

    @Test
    void aCodeCutAnywhereIsRefused() {
        for (int length = 0; length < CODE.length(); length++) {
            String cut = CODE.substring(0, length);
            TwoDocFormatException refusal = refusal(cut);
            assertThat(refusal).as("cut at %d: %s", length, cut).isNotNull();
        }
    }

    @Test
    void aCodeCutInsideTheMessageSaysTheSignatureIsMissing() {
        assertRefused(CODE.substring(0, CODE.indexOf(US)), TwoDocReason.TRUNCATED, "no <US>");
    }

    @Test
    void aCodeCutInsideTheSignatureSaysHowLongASignatureIs() {
        assertRefused(CODE.substring(0, CODE.length() - 5), TwoDocReason.BAD_SIGNATURE_ENCODING, "has 103");
    }

    @Test
    void aGroupSeparatorAfterAFixedLengthValueIsRefused() {
        assertRefused(
                CODE.replace("30081996", "30081996" + GS),
                TwoDocReason.NON_CANONICAL_SEPARATOR,
                "follows the fixed-length value of 69");
    }

    @Test
    void aGroupSeparatorAfterAFullValueIsRefused() {
        assertRefused(
                CODE.replace("7526041872", "7526041872" + GS),
                TwoDocReason.NON_CANONICAL_SEPARATOR,
                "already at its maximum length of 10");
    }

    @Test
    void aDoubledGroupSeparatorIsRefused() {
        assertRefused(
                CODE.replace("HAIDARI" + GS, "HAIDARI" + GS + GS),
                TwoDocReason.NON_CANONICAL_SEPARATOR,
                "after the value of 62");
    }

    @Test
    void aMissingGroupSeparatorIsRefused() {
        assertRefused(
                CODE.replace("HAIDARI" + GS, "HAIDARI"),
                TwoDocReason.INVALID_CHARACTER,
                "is a <GS> missing before it?");
    }

    @Test
    void aMissingSeparatorTheStructureCannotSeeIsCaughtByTheSignature() throws Exception {
        // 6Q shortened without its <GS>: 6Q takes 10 characters (7526041869), then reads 30 (Qualité Nom et Prénom,
        // free text up to 140) "081996G27K2M…". Well-formed, but not what was signed.
        TwoDoc doc = TwoDocDecoder.decode(CODE.replace("7526041872", "75260418"));

        assertThat(doc.value("6Q")).contains("7526041869");
        assertThat(doc.value("30")).contains("081996G27K2M9QXH4TWDR8NB5");
        assertThat(TwoDocSignature.verify(doc, CERTIFICATE))
                .isInstanceOfSatisfying(
                        TwoDocVerification.Rejected.class,
                        r -> assertThat(r.reason()).isEqualTo(TwoDocReason.SIGNATURE_INVALID));
    }

    @Test
    void aTruncationMarkOnAFixedLengthValueIsRefused() {
        assertRefused(CODE.replace("30081996", "30081996" + RS), TwoDocReason.TRUNCATED_FIXED_FIELD, "69");
        assertRefused(CODE.replace("30081996", "3008" + RS), TwoDocReason.TRUNCATED_FIXED_FIELD, "after 4");
    }

    @Test
    void aGroupSeparatorAfterATruncationMarkIsRefused() {
        assertRefused(
                CODE.replace("HAIDARI" + GS, "HAIDARI" + RS + GS),
                TwoDocReason.NON_CANONICAL_SEPARATOR,
                "<RS> stands in place of <GS>");
    }

    @Test
    void aTruncatedValueIsReadAndKeptMarked() throws Exception {
        // Not signed that way, but structurally sound: the flag survives a decode and the rebuilt text.
        TwoDoc doc = TwoDocDecoder.decode(CODE.replace("HAIDARI" + GS, "HAID" + RS));

        assertThat(doc.content().field("62")).contains(new TwoDocField("62", "HAID", true));
        assertThat(TwoDocEncoder.signedText(doc.content())).contains("62HAID" + RS + "60");
    }

    @Test
    void wrongHeaderLengthsAreRefused() {
        assertRefused("DC04FR00" + US + "AAAA", TwoDocReason.MALFORMED_HEADER, "8 characters before the <US>");
        assertRefused("DC04FR00000", TwoDocReason.MALFORMED_HEADER, "11 characters before the end of the text");
        assertRefused(CODE.replace("1601FR", "161FR"), TwoDocReason.MALFORMED_HEADER, "country");
        // One character less shifts every later header field: the country is then read from the message.
        assertRefused(CODE.replace("DC04FR000001", "DC04FR00001"), TwoDocReason.MALFORMED_HEADER, "is 'R6'");
    }

    @Test
    void malformedHeaderFieldsAreRefused() {
        assertRefused("XY" + CODE.substring(2), TwoDocReason.NOT_A_2D_DOC, "begins with 'XY'");
        assertRefused(CODE.replace("DC04", "DC03"), TwoDocReason.UNSUPPORTED_VERSION, "version '03'");
        assertRefused(CODE.replace("DC04FR00", "DC04F100"), TwoDocReason.MALFORMED_HEADER, "authority");
        assertRefused(CODE.replace("DC04FR000001", "DC04FR0000a1"), TwoDocReason.MALFORMED_HEADER, "certificate id");
        assertRefused(CODE.replace("1601FR", "1601F2"), TwoDocReason.MALFORMED_HEADER, "country");
    }

    @Test
    void badHeaderDatesAreRefused() {
        assertRefused(CODE.replace("264C264D", "264G264D"), TwoDocReason.BAD_DATE, "issue date '264G'");
        assertRefused(CODE.replace("264C264D", "264C264d"), TwoDocReason.BAD_DATE, "signature date '264d'");
    }

    @Test
    void badFieldDatesAreRefused() {
        assertRefused(CODE.replace("30081996", "31021996"), TwoDocReason.BAD_DATE, "no day of the calendar");
        assertRefused(CODE.replace("30081996", "30131996"), TwoDocReason.BAD_DATE, "69");
    }

    @Test
    void aBirthDateWithUnknownDayOrMonthIsAllowed() throws Exception {
        assertThat(TwoDocDecoder.decode(CODE.replace("30081996", "00001996")).value("69"))
                .contains("00001996");
        assertThat(TwoDocDecoder.decode(CODE.replace("30081996", "00081996")).value("69"))
                .contains("00081996");
    }

    @Test
    void badBase32IsRefused() {
        String body = CODE.substring(0, CODE.indexOf(US) + 1);
        String signature = CODE.substring(CODE.indexOf(US) + 1);
        assertRefused(body + signature.substring(0, 102) + "1", TwoDocReason.BAD_SIGNATURE_ENCODING, "position 103");
        assertRefused(body + signature.toLowerCase(), TwoDocReason.BAD_SIGNATURE_ENCODING, "Base32 alphabet");
        assertRefused(body + signature + "=", TwoDocReason.BAD_SIGNATURE_ENCODING, "Base32 alphabet");
        assertRefused(body + signature + "A", TwoDocReason.BAD_SIGNATURE_ENCODING, "has 104");
        // 103 characters carry 515 bits; the last 3 must be zero.
        char last = signature.charAt(102);
        char nonCanonical =
                "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".charAt(("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".indexOf(last) & ~7) | 1);
        assertRefused(
                body + signature.substring(0, 102) + nonCanonical,
                TwoDocReason.BAD_SIGNATURE_ENCODING,
                "not canonical");
    }

    @Test
    void unknownIdentifiersAreRefusedByName() {
        assertRefused(CODE.replace("62HAIDARI", "ZZHAIDARI"), TwoDocReason.UNKNOWN_IDENTIFIER, "'ZZ'");
        assertRefused(CODE.replace("62HAIDARI", "6aHAIDARI"), TwoDocReason.UNKNOWN_IDENTIFIER, "'6a'");
    }

    @Test
    void valuesOutsideTheirIdentifiersRulesAreRefused() {
        assertRefused(CODE.replace("HAIDARI", "Haidari"), TwoDocReason.INVALID_CHARACTER, "62 (Nom patronymique)");
        assertRefused(
                CODE.replace("DC04FR000001264C264D1601FR62HAIDARI", "DC04FR000001264C264D1601FR6K123" + GS + "62X"),
                TwoDocReason.FIELD_TOO_SHORT,
                "exactly 19");
    }

    @Test
    void anAnnexAfterTheSignatureIsReadButNotSigned() throws Exception {
        TwoDoc doc = TwoDocDecoder.decode(CODE + GS + "01SERIAL42");

        assertThat(doc.annex()).containsExactly(TwoDocField.of("01", "SERIAL42"));
        assertThat(TwoDocSignature.verify(doc, CERTIFICATE)).isEqualTo(new TwoDocVerification.Valid());
        assertRefused(CODE + GS, TwoDocReason.MALFORMED_ANNEX, "no annex follows");
        assertRefused(CODE + GS + "ZZ1", TwoDocReason.MALFORMED_ANNEX, "'ZZ'");
    }

    @Test
    void anOverlongTextIsNotRead() {
        assertRefused(CODE + "A".repeat(TwoDocDecoder.MAX_LENGTH), TwoDocReason.TOO_LONG, "characters");
    }

    private static void assertRefused(String text, TwoDocReason reason, String messagePart) {
        TwoDocFormatException refusal = refusal(text);
        assertThat(refusal).as("refusal of %s", TwoDocDates.printable(text)).isNotNull();
        assertThat(refusal.reason()).as(refusal.getMessage()).isEqualTo(reason);
        assertThat(refusal.getMessage()).contains(messagePart);
    }

    private static TwoDocFormatException refusal(String text) {
        return catchThrowableOfType(TwoDocFormatException.class, () -> TwoDocDecoder.decode(text));
    }
}
