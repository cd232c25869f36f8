package io.cachet.core.twodoc;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The document types of the C40 perimeter {@code 01} registered in the specification (§6.1, v3.2.6). */
public final class TwoDocDocumentTypes {
    /** The ANTS perimeter, where every registered C40 type is defined. */
    public static final String PERIMETER_ANTS = "01";

    private static final Map<String, String> REGISTERED = new LinkedHashMap<>();

    static {
        REGISTERED.put("00", "Justificatif de domicile");
        REGISTERED.put("01", "Facture");
        REGISTERED.put("02", "Avis de taxe d'habitation");
        REGISTERED.put("03", "Relevé d'identité bancaire");
        REGISTERED.put("04", "Avis d'impôt sur les revenus");
        REGISTERED.put("05", "Relevé d'Identité SEPAmail");
        REGISTERED.put("06", "Bulletin de salaire");
        REGISTERED.put("07", "Titre d'identité");
        REGISTERED.put("08", "MRZ");
        REGISTERED.put("09", "Facture étendue");
        REGISTERED.put("10", "Contrat de travail");
        REGISTERED.put("11", "Relevé de compte");
        REGISTERED.put("12", "Acte d'huissier");
        REGISTERED.put("13", "Document étranger");
        REGISTERED.put("14", "Attestation DICEM");
        REGISTERED.put("15", "Attestation de décision favorable d'une demande d'autorisation de travail");
        REGISTERED.put("16", "Attestation de demande d'asile");
        REGISTERED.put("17", "Attestation de fin de droit à l'allocation pour demandeur d'asile (ADA)");
        REGISTERED.put("18", "Avis de situation déclarative à l'impôt sur les revenus");
        REGISTERED.put("A0", "Certificat de qualité de l'air");
        REGISTERED.put("A1", "Courrier permis à points");
        REGISTERED.put("A2", "Carte mobilité inclusion");
        REGISTERED.put("A3", "Macaron VTC");
        REGISTERED.put("A4", "Certificat de décès");
        REGISTERED.put("A5", "Carte T3P");
        REGISTERED.put("A6", "Carte professionnelle sapeur-pompier");
        REGISTERED.put("A7", "Certificat de qualité de l'air (V2)");
        REGISTERED.put("A8", "Certificat de cession électronique");
        REGISTERED.put("A9", "Permis de chasser");
        REGISTERED.put("AA", "Arrêtés permis de conduire");
        REGISTERED.put("AB", "Relevé d'information permis de conduire");
        REGISTERED.put("AC", "Licence de conducteur de train");
        REGISTERED.put("B0", "Diplôme");
        REGISTERED.put("B1", "Attestation de versement de la contribution à la vie étudiante");
        REGISTERED.put("B2", "Test COVID");
        REGISTERED.put("C1", "Renseignement tarifaire contraignant");
        REGISTERED.put("C2", "Accord préalable pour le transfert d'armes");
        REGISTERED.put("C3", "Permis de transfert d'armes à feu et de munitions");
        REGISTERED.put("C4", "Autorisation d'importation de matériels de guerre");
        REGISTERED.put("C5", "Licence d'exportation d'armes à feu");
        REGISTERED.put("C6", "Agrément de transfert d'armes à feu et de munitions");
        REGISTERED.put("C7", "Bon de livraison");
        REGISTERED.put("C8", "Bon de livraison V2");
        REGISTERED.put("L1", "Attestation vaccinale");
    }

    private TwoDocDocumentTypes() {}

    /** The specification's name of a registered type of perimeter {@code 01}; empty when not registered. */
    public static Optional<String> registered(String perimeter, String documentType) {
        return PERIMETER_ANTS.equals(perimeter) ? Optional.ofNullable(REGISTERED.get(documentType)) : Optional.empty();
    }

    public static Map<String, String> all() {
        return Collections.unmodifiableMap(REGISTERED);
    }
}
