package dev.shuttle.internal.cli;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A duration on the command line: a number with a unit ({@code 500ms}, {@code 10s}, {@code 2m},
 * {@code 1h}) or a bare number of seconds ({@code 1.5}), as {@code curl --max-time} and
 * {@code nc -w} take them. {@code 0} means none.
 */
final class DurationArgument {
    private static final Pattern FORM = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)?");

    private DurationArgument() {}

    /**
     * Parses a duration given to an option.
     *
     * @param option the option, named in the error
     * @param text what the user wrote
     * @return the duration
     * @throws IllegalArgumentException if it is not a duration
     */
    static Duration parse(String option, String text) {
        Matcher matcher = FORM.matcher(text.trim());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("option '" + option + "' takes a duration such as 500ms, 10s, 2m or 1.5"
                    + " (seconds), not '" + text + "'");
        }
        BigDecimal amount = new BigDecimal(matcher.group(1));
        String unit = matcher.group(2) == null ? "s" : matcher.group(2);
        BigDecimal millis = switch (unit) {
            case "ms" -> amount;
            case "s" -> amount.movePointRight(3);
            case "m" -> amount.multiply(BigDecimal.valueOf(60_000));
            default -> amount.multiply(BigDecimal.valueOf(3_600_000));
        };
        if (millis.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0) {
            throw new IllegalArgumentException("option '" + option + "' is at most 24 days, not '" + text + "'");
        }
        return Duration.ofMillis(millis.longValue());
    }
}
