package io.cachet.core.registry;

import io.cachet.core.CachetException;
import io.cachet.core.types.HiddenCharacters;
import java.sql.PreparedStatement;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Finding delivered certificates by holder name, birth date, type, office and issue date. Names are compared by
 * their {@linkplain #nameKey key}, written with each record.
 */
final class RegistrySearch {
    private RegistrySearch() {}

    /** The delivered records matching {@code query}, newest first, at most {@code query.limit()}. */
    static List<CertificateRecord> run(RegistryDatabase database, SearchQuery query) {
        StringBuilder sql =
                new StringBuilder("SELECT " + CertificateRows.COLUMNS + " FROM certificates WHERE status <> ?");
        List<Object> parameters = new ArrayList<>();
        parameters.add(CertificateStatus.PENDING.name());
        query.name().ifPresent(name -> {
            String key = nameKey(name);
            if (key.isEmpty()) {
                throw CachetException.usage("the name '" + HiddenCharacters.reveal(name)
                        + "' has no Latin letter or digit to search for (names are matched by their letters and"
                        + " digits, ignoring case, accents and punctuation)");
            }
            // The key holds only A-Z and 0-9 today; escaped all the same, so that a '%' or '_' that ever reaches it
            // is taken literally, never as a wildcard (same ESCAPE syntax in SQLite and PostgreSQL).
            sql.append(" AND name_key LIKE ? ESCAPE '\\'");
            parameters.add("%" + escapeLike(key) + "%");
        });
        query.birthDate().ifPresent(date -> {
            sql.append(" AND birth_date = ?");
            parameters.add(date);
        });
        query.type().ifPresent(type -> {
            sql.append(" AND type = ?");
            parameters.add(type);
        });
        query.office().ifPresent(office -> {
            sql.append(" AND office = ?");
            parameters.add(office);
        });
        query.issuedFrom().ifPresent(from -> {
            sql.append(" AND issued_at >= ?");
            parameters.add(from.getEpochSecond());
        });
        query.issuedBefore().ifPresent(before -> {
            sql.append(" AND issued_at < ?");
            parameters.add(before.getEpochSecond());
        });
        sql.append(" ORDER BY issued_at DESC, id LIMIT ").append(query.limit());
        return database.read(c -> {
            try (PreparedStatement statement = c.prepareStatement(sql.toString())) {
                for (int i = 0; i < parameters.size(); i++) {
                    statement.setObject(i + 1, parameters.get(i));
                }
                return CertificateRows.records(statement);
            }
        });
    }

    /** {@code text} for a LIKE pattern with escape character {@code \\}: {@code \\}, {@code %} and {@code _} literal. */
    static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    /**
     * What name searches compare: the Latin letters and digits of the names, upper case, without accents, and
     * without the spaces, apostrophes, hyphens and other punctuation inside names, which records spell differently
     * ("N'DIAYE", "N DIAYE", "NDIAYE" all have the key {@code NDIAYE}). A record's key is its family name then its
     * given names; a search matches any part of it. Keys written before V3 held single spaces between words: the
     * migration {@code V3__name_keys_without_spaces.sql} dropped them.
     */
    static String nameKey(String name) {
        // Hidden characters (zero-width, bidi controls…) are dropped, not made separators: "DU<U+200B>PONT" is DUPONT.
        StringBuilder visible = new StringBuilder(name.length());
        name.codePoints().filter(c -> !HiddenCharacters.isHidden(c)).forEach(visible::appendCodePoint);
        String stripped = Normalizer.normalize(visible, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return stripped.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", "");
    }
}
