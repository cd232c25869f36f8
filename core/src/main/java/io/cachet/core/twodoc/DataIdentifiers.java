package io.cachet.core.twodoc;

import static io.cachet.core.twodoc.DataIdentifier.Characters.BASE32;
import static io.cachet.core.twodoc.DataIdentifier.Characters.DECIMAL;
import static io.cachet.core.twodoc.DataIdentifier.Characters.DIGITS;
import static io.cachet.core.twodoc.DataIdentifier.Characters.DIGITS_SPACE;
import static io.cachet.core.twodoc.DataIdentifier.Characters.LETTERS;
import static io.cachet.core.twodoc.DataIdentifier.Characters.LETTERS_DIGITS;
import static io.cachet.core.twodoc.DataIdentifier.Characters.LETTERS_DIGITS_DASH;
import static io.cachet.core.twodoc.DataIdentifier.Characters.LETTERS_DIGITS_SPACE;
import static io.cachet.core.twodoc.DataIdentifier.Characters.NAMES;
import static io.cachet.core.twodoc.DataIdentifier.Characters.NAMES_DIGITS;

import io.cachet.core.twodoc.DataIdentifier.Characters;
import io.cachet.core.twodoc.DataIdentifier.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The data identifiers of perimeter {@code 01} (§7 of the specification, v3.2.6).
 *
 * <p>Every identifier of §7 is known with its lengths ({@code identifiers-perimeter-01.tsv}), so that a code from
 * another emitter can be delimited and read; those Cachet writes or checks closely also have the characters and
 * kind the specification's description gives (the table in this class): the complementary identifiers (§7.0),
 * identity (§7.5), work authorisation (§7.4, the {@code 5x} of document type 15), asylum (§7.15), and those of some
 * published specimens (student contribution §7.10, bailiff's deeds §7.8). The others accept any printable ASCII
 * character ({@link DataIdentifier.Characters#PRINTABLE}) and are read as text.
 *
 * <p>An identifier outside §7 is refused when decoding: the message zone carries no length, so without the
 * identifier's definition nothing after it can be delimited (§3.4.1), and the specification forbids identifiers it
 * does not define (§3.4.4).
 */
public final class DataIdentifiers {
    private static final int UNBOUNDED = -1;
    private static final Map<String, DataIdentifier> TABLE = new LinkedHashMap<>();

    static {
        // §7.0 Identifiants de données complémentaires
        add("01", "Identifiant unique du document", 0, UNBOUNDED, LETTERS_DIGITS, Kind.TEXT);
        add("02", "Catégorie de document", 0, UNBOUNDED, LETTERS_DIGITS_SPACE, Kind.TEXT);
        add("03", "Sous-catégorie de document", 0, UNBOUNDED, LETTERS_DIGITS_SPACE, Kind.TEXT);
        add("04", "Application de composition", 0, UNBOUNDED, LETTERS_DIGITS_SPACE, Kind.TEXT);
        add("05", "Version de l'application de composition", 0, UNBOUNDED, LETTERS_DIGITS_SPACE, Kind.TEXT);
        add("06", "Date de l'association entre le document et le code 2D-DOC", 4, 4, LETTERS_DIGITS, Kind.HEX_DATE);
        add("07", "Heure de l'association entre le document et le code 2D-DOC", 6, 6, DIGITS, Kind.TEXT);
        add("08", "Date d'expiration du document", 4, 4, LETTERS_DIGITS, Kind.HEX_DATE);
        add("09", "Nombre de pages du document", 4, 4, DIGITS, Kind.TEXT);
        add("0A", "Editeur du 2D-DOC", 9, 9, DIGITS, Kind.TEXT);
        add("0B", "Intégrateur du 2D-DOC", 9, 9, DIGITS, Kind.TEXT);
        add("0C", "URL du document", 0, UNBOUNDED, BASE32, Kind.TEXT);
        // §7.4 Activité professionnelle (document type 15, work authorisation)
        add("50", "SIRET de l'employeur", 14, 14, DIGITS, Kind.TEXT);
        add("55", "Date de début de contrat", 8, 8, DIGITS, Kind.DATE);
        add("5L", "Numéro de SIRET ou RNA", 9, 14, LETTERS_DIGITS, Kind.TEXT);
        add("5M", "Dénomination sociale", 0, 38, LETTERS_DIGITS_SPACE, Kind.TEXT);
        add("5N", "Numéro de dossier d'autorisation de travail", 21, 21, DIGITS, Kind.TEXT);
        add("5O", "Nom de l'employeur", 0, 38, LETTERS, Kind.TEXT);
        add("5P", "Prénom de l'employeur", 0, 20, LETTERS, Kind.TEXT);
        add("5Q", "Nom du déclarant", 0, 38, LETTERS, Kind.TEXT);
        add("5R", "Prénom du déclarant", 0, 20, LETTERS, Kind.TEXT);
        add("5S", "Fonction du déclarant", 0, 40, LETTERS, Kind.TEXT);
        add("5T", "Type de contrat de travail", 1, 1, DIGITS, Kind.TEXT);
        add("5U", "Durée du contrat", 0, 12, LETTERS_DIGITS_SPACE, Kind.TEXT);
        // §7.5 Titres d'identité
        add("60", "Liste des prénoms", 0, 60, NAMES, Kind.TEXT);
        add("61", "Prénom", 0, 20, LETTERS, Kind.TEXT);
        add("62", "Nom patronymique", 0, 38, LETTERS, Kind.TEXT);
        add("63", "Nom d'usage", 0, 38, LETTERS, Kind.TEXT);
        add("64", "Nom d'épouse/époux", 0, 38, LETTERS, Kind.TEXT);
        add("65", "Type de pièce d'identité", 2, 2, LETTERS, Kind.TEXT);
        add("66", "Numéro de la pièce d'identité", 0, 20, LETTERS_DIGITS, Kind.TEXT);
        add("67", "Nationalité", 2, 2, LETTERS, Kind.TEXT);
        add("68", "Genre", 1, 1, LETTERS, Kind.TEXT);
        add("69", "Date de naissance", 8, 8, DIGITS, Kind.PARTIAL_DATE);
        add("6A", "Lieu de naissance", 0, 32, LETTERS_DIGITS_SPACE, Kind.TEXT);
        add("6B", "Département du bureau émetteur", 3, 3, LETTERS_DIGITS, Kind.TEXT);
        add("6C", "Pays de naissance", 2, 2, LETTERS, Kind.TEXT);
        add("6D", "Nom et prénom du père", 0, 60, NAMES_DIGITS, Kind.TEXT);
        add("6E", "Nom et prénom de la mère", 0, 60, NAMES_DIGITS, Kind.TEXT);
        add("6F", "Machine Readable Zone", 0, 90, LETTERS_DIGITS_SPACE, Kind.TEXT);
        add("6G", "Nom", 1, 38, LETTERS, Kind.TEXT);
        add("6H", "Civilité", 1, 10, LETTERS, Kind.TEXT);
        add("6I", "Pays émetteur", 2, 2, LETTERS, Kind.TEXT);
        add("6J", "Type de document étranger", 1, 1, DIGITS, Kind.TEXT);
        add("6K", "Numéro de la demande de document étranger", 19, 19, DIGITS, Kind.TEXT);
        add("6L", "Date de dépôt de la demande", 8, 8, DIGITS, Kind.DATE);
        add("6M", "Catégorie du titre", 0, 40, LETTERS, Kind.TEXT);
        add("6N", "Date de début de validité", 8, 8, DIGITS, Kind.DATE);
        add("6O", "Date de fin de validité", 8, 8, DIGITS, Kind.DATE);
        add("6P", "Autorisation", 0, 40, LETTERS, Kind.TEXT);
        add("6Q", "Numéro d'étranger", 0, 10, LETTERS_DIGITS, Kind.TEXT);
        add("6R", "Numéro de visa", 12, 12, LETTERS_DIGITS, Kind.TEXT);
        add("6S", "Ligne 2 de l'adresse postale du domicile", 0, 38, LETTERS_DIGITS_SPACE, Kind.TEXT);
        add("6T", "Ligne 3 de l'adresse postale du domicile", 0, 38, LETTERS_DIGITS_SPACE, Kind.TEXT);
        add("6U", "Ligne 4 de l'adresse postale du domicile", 0, 38, LETTERS_DIGITS_SPACE, Kind.TEXT);
        add("6V", "Ligne 5 de l'adresse postale du domicile", 0, 38, LETTERS_DIGITS_SPACE, Kind.TEXT);
        add("6W", "Code postal de l'adresse postale du domicile", 5, 5, DIGITS_SPACE, Kind.TEXT);
        add("6X", "Commune de l'adresse postale du domicile", 0, 32, LETTERS, Kind.TEXT);
        add("6Y", "Code pays de l'adresse postale du domicile", 2, 2, LETTERS, Kind.TEXT);
        add("6Z", "Numéro d'étranger de l'autorisation de travail", 9, 11, LETTERS_DIGITS, Kind.TEXT);
        // §7.8 Données juridiques/judiciaires (document type 12, specimen)
        add("90", "Identité de l'huissier de justice", 0, 38, NAMES_DIGITS, Kind.TEXT);
        add("91", "Identité ou raison sociale du demandeur", 0, 38, NAMES_DIGITS, Kind.TEXT);
        add("92", "Identité ou raison sociale du destinataire", 0, 38, NAMES_DIGITS, Kind.TEXT);
        add("93", "Identité ou raison sociale de tiers concerné", 0, 38, NAMES_DIGITS, Kind.TEXT);
        add("94", "Intitulé de l'acte", 0, 38, LETTERS_DIGITS_SPACE, Kind.TEXT);
        add("95", "Numéro de l'acte", 0, 18, LETTERS_DIGITS, Kind.TEXT);
        add("96", "Date de signature de l'acte", 8, 8, DIGITS, Kind.DATE);
        // §7.10 Justificatifs académiques (document type B1, specimen)
        add("B0", "Liste des prénoms", 0, 60, NAMES, Kind.TEXT);
        add("B1", "Prénom", 0, 20, LETTERS, Kind.TEXT);
        add("B2", "Nom patronymique", 0, 38, LETTERS, Kind.TEXT);
        add("B3", "Nom d'usage", 0, 38, LETTERS, Kind.TEXT);
        add("B4", "Nom d'épouse/époux", 0, 38, LETTERS, Kind.TEXT);
        add("B5", "Nationalité", 2, 2, LETTERS, Kind.TEXT);
        add("B6", "Genre", 1, 1, LETTERS, Kind.TEXT);
        add("B7", "Date de naissance", 8, 8, DIGITS, Kind.PARTIAL_DATE);
        add("B8", "Lieu de naissance", 0, 32, LETTERS_DIGITS_SPACE, Kind.TEXT);
        add("B9", "Pays de naissance", 2, 2, LETTERS, Kind.TEXT);
        add("BB", "Numéro ou code d'identification de l'étudiant", 0, 50, LETTERS_DIGITS_SPACE, Kind.TEXT);
        add("BK", "Numéro de l'Attestation de versement de la CVE", 14, 14, LETTERS_DIGITS_DASH, Kind.TEXT);
        // §7.15 Asile
        add("G0", "Type de procédure", 2, 2, LETTERS, Kind.TEXT);
        add("G1", "Orientation régionale", 2, 2, LETTERS, Kind.TEXT);
        add("G2", "Numéro d'usager", 0, 20, LETTERS_DIGITS, Kind.TEXT);
        add("G3", "Date de fin des droits", 8, 8, DIGITS, Kind.DATE);
        add("G4", "Somme des montants versés au titre de l'ADA", 0, 10, DECIMAL, Kind.DECIMAL);
        add("G5", "Information de la Direction Territoriale", 0, 45, LETTERS, Kind.TEXT);
    }

    static {
        // Every other identifier of §7, with its lengths; the lengths of the table above must agree with the file.
        Map<String, DataIdentifier> all = new LinkedHashMap<>();
        for (String line : specificationTable()) {
            String[] cells = line.split("\t");
            if (cells.length != 5) {
                throw new IllegalStateException("identifiers-perimeter-01.tsv: malformed line '" + line + "'");
            }
            String code = cells[0];
            int min = Integer.parseInt(cells[1]);
            OptionalInt max = cells[2].equals("-") ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(cells[2]));
            DataIdentifier checked = TABLE.get(code);
            if (checked != null) {
                if (checked.minLength() != min || !checked.maxLength().equals(max)) {
                    throw new IllegalStateException("data identifier " + code
                            + ": the lengths of DataIdentifiers disagree with identifiers-perimeter-01.tsv");
                }
                all.put(code, checked);
            } else {
                all.put(code, new DataIdentifier(code, cells[4], min, max, Characters.PRINTABLE, Kind.TEXT));
            }
        }
        for (String code : TABLE.keySet()) {
            if (!all.containsKey(code)) {
                throw new IllegalStateException("data identifier " + code + " is not in identifiers-perimeter-01.tsv");
            }
        }
        TABLE.clear();
        TABLE.putAll(all);
    }

    private DataIdentifiers() {}

    private static List<String> specificationTable() {
        try (InputStream in = DataIdentifiers.class.getResourceAsStream("identifiers-perimeter-01.tsv")) {
            if (in == null) {
                throw new IllegalStateException("identifiers-perimeter-01.tsv is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read identifiers-perimeter-01.tsv", e);
        }
    }

    private static void add(String code, String label, int min, int max, Characters characters, Kind kind) {
        DataIdentifier identifier = new DataIdentifier(
                code, label, min, max == UNBOUNDED ? OptionalInt.empty() : OptionalInt.of(max), characters, kind);
        if (TABLE.put(code, identifier) != null) {
            throw new IllegalStateException("data identifier " + code + " declared twice");
        }
    }

    public static Optional<DataIdentifier> find(String code) {
        return Optional.ofNullable(TABLE.get(code));
    }

    /** Every identifier of §7, in the specification's order. */
    public static Collection<DataIdentifier> all() {
        return Collections.unmodifiableCollection(TABLE.values());
    }
}
