package io.cachet.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachet.core.CachetException;
import io.cachet.core.registry.CertificateRecord;
import io.cachet.core.registry.SearchQuery;
import io.cachet.core.report.ReportJson;
import io.cachet.core.seal.Holder;
import io.cachet.core.types.DateInput;
import io.cachet.core.types.HiddenCharacters;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "search",
        mixinStandardHelpOptions = true,
        header = "Find certificates in the registry by holder, type, office or date.",
        description = {
            "Find certificates: every criterion given must match. Names match any part of the family name followed",
            "by the given names, by their Latin letters and digits only: case, accents, spaces, punctuation and",
            "invisible characters are ignored, so 'ndiaye', 'N DIAYE' and \"n'diaye\" all find N'DIAYE; % and _ are",
            "punctuation, never wildcards. Dates are days in Europe/Paris; --to is inclusive. Newest first.",
            "Invisible or direction-changing characters in recorded names are shown written out (<U+202E>)."
        },
        footer = {
            "",
            "Examples:",
            "  cachet search --name 'el amrani' --birth-date 1994-07-21",
            "  cachet search --name ndiaye --birth-date 1990",
            "  cachet search --type cir --from 2026-11-01 --to 2026-11-30 --json"
        })
final class SearchCommand extends CachetCommand {
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @Option(names = "--name", paramLabel = "TEXT", description = "Part of the holder's names.")
    String name;

    @Option(
            names = "--birth-date",
            paramLabel = "DATE",
            description = "The holder's birth date, typed as for issuing: YYYY-MM-DD or DD/MM/YYYY; YYYY, YYYY-MM or"
                    + " MM/YYYY for a birth date recorded without its day or month.")
    String birthDate;

    @Option(names = "--type", paramLabel = "TYPE", description = "Certificate type.")
    String type;

    @Option(names = "--office", paramLabel = "CODE", description = "Issuing office code.")
    String office;

    @Option(names = "--from", paramLabel = "YYYY-MM-DD", description = "Issued on or after this day.")
    String from;

    @Option(names = "--to", paramLabel = "YYYY-MM-DD", description = "Issued on or before this day.")
    String to;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "100", description = "At most N results (100).")
    int limit;

    @Option(names = "--json", description = "Print one JSON object: {\"results\": [records]}.")
    boolean json;

    SearchCommand(CliContext context) {
        super(context);
    }

    /** The birth date as the registry holds it (ISO 8601), however it is typed: 31/12/1990 is 1990-12-31. */
    private static String recordedBirthDate(String typed) {
        DateInput.Outcome outcome = DateInput.birthDate(typed.strip());
        if (outcome instanceof DateInput.Accepted accepted) {
            return accepted.iso();
        }
        throw CachetException.usage("--birth-date: " + ((DateInput.Refused) outcome).problem());
    }

    @Override
    public Integer call() {
        if (name == null && birthDate == null && type == null && office == null && from == null && to == null) {
            throw CachetException.usage("give at least one of --name, --birth-date, --type, --office, --from, --to");
        }
        if (limit < 1) {
            throw CachetException.usage("--limit must be at least 1");
        }
        SearchQuery query = new SearchQuery(
                Optional.ofNullable(name),
                Optional.ofNullable(birthDate).map(SearchCommand::recordedBirthDate),
                Optional.ofNullable(type),
                Optional.ofNullable(office),
                Optional.ofNullable(from).map(day -> startOf(day, "--from", 0)),
                Optional.ofNullable(to).map(day -> startOf(day, "--to", 1)),
                limit);
        List<CertificateRecord> found = services().registry().search(query);
        Instant now = clock().instant();
        var out = out();
        if (json) {
            ObjectNode node = ReportJson.mapper().createObjectNode();
            ArrayNode results = node.putArray("results");
            found.forEach(record -> results.add(RecordOutput.json(record, now)));
            out.println(ReportJson.toText(node));
        } else if (found.isEmpty()) {
            out.println("No certificate matches.");
        } else {
            for (CertificateRecord record : found) {
                out.printf(
                        "%s  %-10s  %-28s  %s (born %s)  %s%n",
                        record.id(),
                        record.displayStatus(now),
                        record.type(),
                        Holder.fullName(
                                HiddenCharacters.reveal(record.holder().familyName()),
                                HiddenCharacters.reveal(record.holder().givenNames())),
                        record.holder().birthDate(),
                        record.issuedAt());
            }
            out.println(
                    found.size() + (found.size() == limit ? "+ (raise --limit to see more)" : "") + " certificate(s)");
        }
        return 0;
    }

    /** The start of {@code day} plus {@code days} days, in Europe/Paris. */
    private static Instant startOf(String day, String option, int days) {
        try {
            return LocalDate.parse(day).plusDays(days).atStartOfDay(PARIS).toInstant();
        } catch (DateTimeParseException e) {
            throw CachetException.usage(option + " '" + day + "' is not a day like 2026-11-20");
        }
    }
}
