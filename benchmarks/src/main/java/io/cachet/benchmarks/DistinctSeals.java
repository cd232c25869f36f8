package io.cachet.benchmarks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachet.core.home.CachetHome;
import io.cachet.core.home.HomeConfig;
import io.cachet.core.home.HomeInitializer;
import io.cachet.core.issue.IssuanceService;
import io.cachet.core.services.CachetServices;
import io.cachet.core.types.DataJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Distinct seals for the verification benchmarks: each one a {@code visa-validation} certificate really issued in a
 * development home (so recorded in its registry), with its own id and holder name. A load test that repeats one
 * code measures what a cache of that code would cost, not what a verifier does with the codes people bring.
 *
 * <p>Run as a program: {@code DistinctSeals HOME COUNT SEALS_FILE} issues {@code COUNT} certificates in the
 * existing home {@code HOME} (PDFs in {@code HOME/distinct-seals/}) and writes their seal texts to
 * {@code SEALS_FILE}, one per line ({@code benchmarks/load-verify}).
 */
public final class DistinctSeals {
    private static final String TYPE = "visa-validation";

    private DistinctSeals() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: DistinctSeals HOME COUNT SEALS_FILE");
        }
        CachetServices services = services(Path.of(args[0]));
        List<String> seals = issue(services, Integer.parseInt(args[1]));
        Files.write(Path.of(args[2]), seals, StandardCharsets.UTF_8);
    }

    /** A new development home (office PAR, local TEST timestamp authority) in {@code root}, and its services. */
    public static CachetServices newDevelopmentHome(Path root) {
        CachetHome home = new CachetHome(root);
        new HomeInitializer(Clock.systemUTC(), Map.of())
                .initialize(
                        home,
                        new HomeInitializer.Request("PAR", "Paris", true, false, HomeConfig.DEFAULT_VERIFIER_URL));
        return services(root);
    }

    static CachetServices services(Path root) {
        return new CachetServices(new CachetHome(root), Optional.empty(), Map.of(), Clock.systemUTC());
    }

    /** Issues {@code count} certificates, each for another holder, and returns their seal texts in order. */
    public static List<String> issue(CachetServices services, int count) throws IOException {
        IssuanceService issuance = services.issuance();
        String sample = services.catalog().get(TYPE).sampleJson();
        Path pdfs = Files.createDirectories(services.home().root().resolve("distinct-seals"));
        List<String> seals = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ObjectNode data = (ObjectNode) DataJson.parse(sample, "the sample");
            ((ObjectNode) data.get("holder")).put("familyName", "HOLDER " + letters(i));
            String file = "seal-" + i + ".pdf";
            seals.add(issuance.issue(TYPE, data, id -> pdfs.resolve(file), Locale.FRENCH)
                    .seal());
        }
        return seals;
    }

    /** {@code i} written in letters A–Z (names take no digits). */
    private static String letters(int i) {
        StringBuilder name = new StringBuilder();
        int n = i;
        do {
            name.append((char) ('A' + n % 26));
            n /= 26;
        } while (n > 0);
        return name.reverse().toString();
    }
}
