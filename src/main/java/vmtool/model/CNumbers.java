package vmtool.model;

/** The number parsing of C's strtoul, which pmap's arguments follow (hex ranges) and every PID ({@link Pid}). */
public final class CNumbers {
    private CNumbers() {
    }

    /**
     * A parsed number and the index just past it; {@code end == 0} when no digits were found (as strtoul sets
     * endptr to the start). Overflow gives all ones, as strtoul's ULONG_MAX.
     */
    public record Parsed(long value, int end) {
    }

    /** strtoul(text, &end, base) for base 0 (decimal, 0x hex, 0 octal) or 16. */
    public static Parsed strtoul(String text, int base) {
        int i = 0;
        int length = text.length();
        while (i < length && isSpace(text.charAt(i))) {
            i++;
        }
        boolean negative = false;
        if (i < length && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
            negative = text.charAt(i) == '-';
            i++;
        }
        int radix = base;
        if ((base == 0 || base == 16) && i + 1 < length && text.charAt(i) == '0'
                && (text.charAt(i + 1) == 'x' || text.charAt(i + 1) == 'X')
                && i + 2 < length && Character.digit(text.charAt(i + 2), 16) >= 0) {
            radix = 16;
            i += 2;
        } else if (base == 0) {
            radix = i < length && text.charAt(i) == '0' ? 8 : 10;
        }
        int firstDigit = i;
        long value = 0;
        boolean overflow = false;
        while (i < length) {
            int digit = asciiDigit(text.charAt(i), radix);
            if (digit < 0) {
                break;
            }
            if (!overflow) {
                long limit = Long.divideUnsigned(-1L, radix);
                if (Long.compareUnsigned(value, limit) > 0
                        || (value == limit && Long.compareUnsigned(digit, Long.remainderUnsigned(-1L, radix)) > 0)) {
                    overflow = true;
                } else {
                    value = value * radix + digit;
                }
            }
            i++;
        }
        if (i == firstDigit) {
            return new Parsed(0, 0);
        }
        if (overflow) {
            return new Parsed(-1L, i);
        }
        return new Parsed(negative ? -value : value, i);
    }

    private static int asciiDigit(char c, int radix) {
        int digit;
        if (c >= '0' && c <= '9') {
            digit = c - '0';
        } else if (c >= 'a' && c <= 'z') {
            digit = c - 'a' + 10;
        } else if (c >= 'A' && c <= 'Z') {
            digit = c - 'A' + 10;
        } else {
            return -1;
        }
        return digit < radix ? digit : -1;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }
}
