package io.cachet.core.report;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * What an authentic seal certifies, labelled for one reader's language: the type's name, the issuing office, a plain
 * sentence of what the certificate attests and allows, and every sealed field of the type with its label and its
 * value as printed on the certificate, so that a person can compare the paper with it.
 *
 * @param typeName the type's title in the reader's language; the type's id when this verifier does not know it
 * @param typeKnown whether this verifier knows the type (its labels, formats and sentence)
 * @param issuerName the issuing office's name, when its certificate names it
 * @param attests what the certificate attests, in one sentence, when the type says
 * @param allows what the certificate allows or does not, when the type says
 * @param fields the sealed fields, in the seal's order
 */
public record CertificateFacts(
        String typeName,
        boolean typeKnown,
        Optional<String> issuerName,
        Optional<String> attests,
        Optional<String> allows,
        List<Field> fields) {
    /**
     * One sealed field.
     *
     * @param key the field's name in the type ({@code visaNumber}); the seal's own key when the type is unknown
     * @param label its label in the reader's language
     * @param value the value as sealed ({@code 2026-03-01})
     * @param display the value as the certificate prints it ({@code 01/03/2026})
     */
    public record Field(String key, String label, String value, String display) {
        public Field {
            requireNonNull(key, "key is null");
            requireNonNull(label, "label is null");
            requireNonNull(value, "value is null");
            requireNonNull(display, "display is null");
        }
    }

    public CertificateFacts {
        requireNonNull(typeName, "typeName is null");
        requireNonNull(issuerName, "issuerName is null");
        requireNonNull(attests, "attests is null");
        requireNonNull(allows, "allows is null");
        fields = List.copyOf(fields);
    }

    /**
     * The facts of {@code certificate} for a reader whose verifier does not know its type: the type's id as its name,
     * every field under its seal key, as sealed.
     */
    public static CertificateFacts unlabelled(CertificateSummary certificate) {
        List<Field> fields = new java.util.ArrayList<>();
        certificate.fields().forEach((key, value) -> fields.add(new Field(key, key, value, value)));
        return new CertificateFacts(
                certificate.type(), false, certificate.issuerName(), Optional.empty(), Optional.empty(), fields);
    }
}
