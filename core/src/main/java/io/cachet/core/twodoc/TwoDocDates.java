package io.cachet.core.twodoc;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The two date forms of the 2D-Doc specification: 4 hexadecimal digits counting days since 2000-01-01 ({@code FFFF}
 * for none) in the header and some fields (§3.3.3, §7.0), and {@code JJMMAAAA} in others (§7.5).
 */
public final class TwoDocDates {
    /** Day 0 of the hexadecimal dates (§3.3.1: "le nombre de jours en hexadécimal depuis le 1er janvier 2000"). */
    public static final LocalDate EPOCH = LocalDate.of(2000, 1, 1);
    /** The hexadecimal text of an absent date. */
    public static final String ABSENT = "FFFF";
    /** The last day a hexadecimal date can name ({@code FFFE}); {@code FFFF} means "no date". */
    public static final LocalDate LAST = EPOCH.plusDays(0xFFFE);

    private TwoDocDates() {}

    /** {@code date} as 4 upper-case hexadecimal digits; {@code FFFF} when absent. */
    public static String hex(Optional<LocalDate> date) {
        if (date.isEmpty()) {
            return ABSENT;
        }
        LocalDate day = date.get();
        if (day.isBefore(EPOCH) || day.isAfter(LAST)) {
            throw new IllegalArgumentException(
                    day + " cannot be written as a 2D-Doc date: it must lie between " + EPOCH + " and " + LAST);
        }
        return String.format("%04X", ChronoUnit.DAYS.between(EPOCH, day));
    }

    /** Reads 4 hexadecimal digits (upper case, as the C40 text carries them); {@code FFFF} is no date. */
    public static Optional<LocalDate> parseHex(String text, String what) throws TwoDocFormatException {
        if (!text.matches("[0-9A-F]{4}")) {
            throw new TwoDocFormatException(
                    TwoDocReason.BAD_DATE,
                    what + " '" + printable(text) + "' is not 4 upper-case hexadecimal digits (days since 2000-01-01)");
        }
        if (text.equals(ABSENT)) {
            return Optional.empty();
        }
        return Optional.of(EPOCH.plusDays(Integer.parseInt(text, 16)));
    }

    /** {@code date} as {@code JJMMAAAA}. */
    public static String ddmmyyyy(LocalDate date) {
        if (date.getYear() < 1 || date.getYear() > 9999) {
            throw new IllegalArgumentException(date + " has no 4-digit year");
        }
        return String.format("%02d%02d%04d", date.getDayOfMonth(), date.getMonthValue(), date.getYear());
    }

    /**
     * Checks a {@code JJMMAAAA} date. With {@code partial}, an unknown day ({@code 00MMAAAA}) or day and month
     * ({@code 0000AAAA}) is allowed (§7.5, DI 69).
     */
    static void checkDdmmyyyy(String text, boolean partial, String what) throws TwoDocFormatException {
        if (!text.matches("[0-9]{8}")) {
            throw new TwoDocFormatException(
                    TwoDocReason.BAD_DATE, what + " '" + printable(text) + "' is not a date JJMMAAAA");
        }
        int day = Integer.parseInt(text.substring(0, 2));
        int month = Integer.parseInt(text.substring(2, 4));
        int year = Integer.parseInt(text.substring(4));
        if (partial && (day == 0 && month == 0 || day == 0 && month >= 1 && month <= 12)) {
            return;
        }
        try {
            LocalDate.of(year, month, day);
        } catch (DateTimeException e) {
            throw new TwoDocFormatException(
                    TwoDocReason.BAD_DATE,
                    what + " '" + text + "' is no day of the calendar (JJMMAAAA)"
                            + (partial ? "; only 00 for an unknown day, or day and month, is allowed" : ""));
        }
    }

    /** Control characters shown as {@code <GS>}, {@code <RS>}, {@code <US>} or {@code <0xNN>} in messages. */
    public static String printable(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            switch (c) {
                case TwoDocText.GS -> out.append("<GS>");
                case TwoDocText.RS -> out.append("<RS>");
                case TwoDocText.US -> out.append("<US>");
                default -> {
                    if (c < 0x20 || c > 0x7E) {
                        out.append(String.format("<0x%02X>", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
