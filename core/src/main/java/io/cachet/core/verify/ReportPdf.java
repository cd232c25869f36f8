package io.cachet.core.verify;

import static java.util.Objects.requireNonNull;

import io.cachet.core.CachetException;
import io.cachet.core.pdf.PadesSigner;
import io.cachet.core.report.CertificateSummary;
import io.cachet.core.report.Check;
import io.cachet.core.report.ReasonCode;
import io.cachet.core.report.VerificationReport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * A verification report as a printable PDF, for a lawyer or a court: what was checked and when, the verdict, the
 * certificate data, the signer, the timestamp, the SHA-256 of the verified file, and every check. In French, or
 * in English. The PDF is signed (PAdES B-T) with the verifier's key, so the report itself can be checked.
 */
public final class ReportPdf {
    private static final float MARGIN = 56;
    private static final float WIDTH = PDRectangle.A4.getWidth() - 2 * MARGIN;
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private static final Map<String, String[]> TEXT = Map.ofEntries(
            Map.entry("title", new String[] {"Rapport de vérification", "Verification report"}),
            Map.entry("intro", new String[] {
                "Vérification d'un certificat Cachet (OFII) : signature PAdES du PDF, cachet électronique du QR code.",
                "Verification of a Cachet (OFII) certificate: the PDF's PAdES signature, the QR code's seal."
            }),
            Map.entry("file", new String[] {"Fichier vérifié", "Verified file"}),
            Map.entry("sha256", new String[] {"Empreinte SHA-256", "SHA-256"}),
            Map.entry("checkedAt", new String[] {"Vérifié le", "Checked at"}),
            Map.entry("verdict", new String[] {"Résultat", "Verdict"}),
            Map.entry("reasons", new String[] {"Motifs", "Reasons"}),
            Map.entry("certificate", new String[] {"Certificat", "Certificate"}),
            Map.entry("none", new String[] {
                "Aucune donnée n'est montrée : le certificat n'est pas authentique ou n'a pu être lu.",
                "No data are shown: the certificate is not authentic or could not be read."
            }),
            Map.entry("id", new String[] {"Identifiant", "Id"}),
            Map.entry("type", new String[] {"Type", "Type"}),
            Map.entry("issuer", new String[] {"Bureau émetteur", "Issuing office"}),
            Map.entry("issuedAt", new String[] {"Délivré le", "Issued at"}),
            Map.entry("expiresAt", new String[] {"Expire le", "Expires at"}),
            Map.entry("noExpiry", new String[] {"sans expiration", "does not expire"}),
            Map.entry("holder", new String[] {"Titulaire", "Holder"}),
            Map.entry("birthDate", new String[] {"Date de naissance", "Birth date"}),
            Map.entry("signer", new String[] {"Signataire du PDF", "PDF signer"}),
            Map.entry("timestamp", new String[] {"Horodatage", "Timestamp"}),
            Map.entry("notAvailable", new String[] {"non disponible", "not available"}),
            Map.entry("checks", new String[] {"Contrôles effectués", "Checks made"}),
            Map.entry("footer", new String[] {
                "Ce rapport est signé électroniquement (PAdES) par le vérificateur Cachet qui l'a établi ; les détails"
                        + " des contrôles sont en anglais.",
                "This report is electronically signed (PAdES) by the Cachet verifier that made it."
            }),
            Map.entry("VALID", new String[] {"VALIDE", "VALID"}),
            Map.entry("INVALID", new String[] {"NON AUTHENTIQUE (INVALID)", "NOT AUTHENTIC (INVALID)"}),
            Map.entry("REVOKED", new String[] {"RÉVOQUÉ (REVOKED)", "REVOKED"}),
            Map.entry("SUSPENDED", new String[] {"SUSPENDU (SUSPENDED)", "SUSPENDED"}),
            Map.entry("EXPIRED", new String[] {"EXPIRÉ (EXPIRED)", "EXPIRED"}),
            Map.entry("SUPERSEDED", new String[] {"REMPLACÉ (SUPERSEDED)", "SUPERSEDED"}),
            Map.entry("UNREADABLE", new String[] {"NON VÉRIFIABLE (UNREADABLE)", "COULD NOT CHECK (UNREADABLE)"}),
            Map.entry("PASSED", new String[] {"réussi", "passed"}),
            Map.entry("FAILED", new String[] {"ÉCHEC", "FAILED"}),
            Map.entry("SKIPPED", new String[] {"sans objet", "skipped"}));

    private final PadesSigner signer;
    private final String signerName;

    /** @param signer the verifier's signer (its key, with a timestamp authority) */
    public ReportPdf(PadesSigner signer, String signerName) {
        this.signer = requireNonNull(signer, "signer is null");
        this.signerName = requireNonNull(signerName, "signerName is null");
    }

    /**
     * The signed report PDF for {@code report}, made by verifying {@code verified} (named {@code fileName}).
     *
     * @param locale French unless the language is English
     */
    public byte[] write(VerificationReport report, byte[] verified, String fileName, Locale locale) {
        boolean english = "en".equals(locale.getLanguage());
        byte[] unsigned = render(report, sha256(verified), fileName, english);
        return signer.sign(unsigned, signerName, english ? "Verification report" : "Rapport de vérification");
    }

    private static byte[] render(VerificationReport report, String sha256, String fileName, boolean english) {
        try (PDDocument document = new PDDocument()) {
            PDDocumentInformation info = document.getDocumentInformation();
            info.setTitle(text("title", english) + " - " + fileName);
            info.setProducer("Cachet");
            Writer writer = new Writer(document);
            writer.line(text("title", english), 18, true);
            writer.gap(4);
            writer.paragraph(text("intro", english), 10, false);
            writer.gap(8);
            writer.field(text("file", english), fileName);
            writer.field(text("sha256", english), sha256);
            writer.field(text("checkedAt", english), TIME.format(report.checkedAt()));
            writer.gap(6);
            writer.field(text("verdict", english), text(report.verdict().name(), english), 13);
            if (!report.reasons().isEmpty()) {
                List<String> reasons = new ArrayList<>();
                for (ReasonCode reason : report.reasons()) {
                    reasons.add(reason.name() + " - " + reason.description());
                }
                writer.field(text("reasons", english), String.join("; ", reasons));
            }
            writer.gap(8);
            writer.line(text("certificate", english), 13, true);
            if (report.certificate().isEmpty()) {
                writer.paragraph(text("none", english), 10, false);
            } else {
                CertificateSummary certificate = report.certificate().get();
                writer.field(text("id", english), certificate.id());
                writer.field(text("type", english), certificate.type());
                writer.field(text("issuer", english), certificate.issuer());
                writer.field(text("issuedAt", english), TIME.format(certificate.issuedAt()));
                writer.field(
                        text("expiresAt", english),
                        certificate.expiresAt().map(TIME::format).orElse(text("noExpiry", english)));
                writer.field(text("holder", english), certificate.familyName() + ", " + certificate.givenNames());
                writer.field(text("birthDate", english), certificate.birthDate());
            }
            writer.field(text("signer", english), passedDetail(report, "pdf.signer", english));
            writer.field(text("timestamp", english), passedDetail(report, "pdf.timestamp", english));
            writer.gap(8);
            writer.line(text("checks", english), 13, true);
            for (Check check : report.checks()) {
                String outcome = text(check.outcome().name(), english)
                        + check.reason().map(reason -> " " + reason.name()).orElse("");
                writer.paragraph(check.name() + " [" + outcome + "]: " + check.detail(), 9, false);
            }
            writer.gap(10);
            writer.paragraph(text("footer", english), 8, false);
            writer.close();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw CachetException.internal("cannot write the verification report PDF: " + e.getMessage(), e);
        }
    }

    private static String passedDetail(VerificationReport report, String name, boolean english) {
        return report.checks().stream()
                .filter(check -> check.name().equals(name) && check.outcome() == Check.Outcome.PASSED)
                .map(Check::detail)
                .findFirst()
                .orElse(text("notAvailable", english));
    }

    private static String text(String key, boolean english) {
        return TEXT.get(key)[english ? 1 : 0];
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Lays text out on A4 pages, top to bottom, wrapping lines and adding pages as needed. */
    private static final class Writer {
        private static final PDType1Font REGULAR = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
        private static final PDType1Font BOLD = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);

        private final PDDocument document;
        private PDPageContentStream content;
        private float y;

        Writer(PDDocument document) throws IOException {
            this.document = document;
            newPage();
        }

        void field(String label, String value) throws IOException {
            field(label, value, 10);
        }

        void field(String label, String value, float size) throws IOException {
            paragraph(label + " : " + value, size, false);
        }

        void line(String text, float size, boolean bold) throws IOException {
            paragraph(text, size, bold);
        }

        void gap(float points) {
            y -= points;
        }

        void paragraph(String text, float size, boolean bold) throws IOException {
            PDType1Font font = bold ? BOLD : REGULAR;
            for (String line : wrap(printable(text, font), font, size)) {
                if (y - size < MARGIN) {
                    content.close();
                    newPage();
                }
                y -= size * 1.35f;
                content.beginText();
                content.setFont(font, size);
                content.newLineAtOffset(MARGIN, y);
                content.showText(line);
                content.endText();
            }
        }

        void close() throws IOException {
            content.close();
        }

        private void newPage() throws IOException {
            PDPage page = new PDPage(PDRectangle.A4);
            document.addPage(page);
            content = new PDPageContentStream(document, page);
            y = PDRectangle.A4.getHeight() - MARGIN;
        }

        private static List<String> wrap(String text, PDType1Font font, float size) throws IOException {
            List<String> lines = new ArrayList<>();
            StringBuilder line = new StringBuilder();
            for (String word : text.split(" ")) {
                String candidate = line.isEmpty() ? word : line + " " + word;
                if (font.getStringWidth(candidate) / 1000 * size <= WIDTH || line.isEmpty()) {
                    line.setLength(0);
                    line.append(candidate);
                } else {
                    lines.add(line.toString());
                    line.setLength(0);
                    line.append(word);
                }
            }
            lines.add(line.toString());
            return lines;
        }

        /** The standard fonts encode WinAnsi only: any other character is shown as '?'. */
        private static String printable(String text, PDType1Font font) {
            StringBuilder result = new StringBuilder(text.length());
            text.codePoints().forEach(codePoint -> {
                String character = new String(Character.toChars(codePoint));
                try {
                    font.encode(character);
                    result.append(character);
                } catch (IOException | IllegalArgumentException e) {
                    result.append('?');
                }
            });
            return result.toString();
        }
    }

    /** For tests: the instant formatting the report uses. */
    static String format(Instant instant) {
        return TIME.format(instant);
    }
}
