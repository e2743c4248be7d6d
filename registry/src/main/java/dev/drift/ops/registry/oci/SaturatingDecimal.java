package dev.drift.ops.registry.oci;

/**
 * A decimal number a client sends in {@code Range}, {@code Content-Range} or a page size {@code n}. Clients may
 * send any number of digits; a value beyond what a long holds cannot be a position in any blob nor a page
 * anyone can serve, so it saturates at {@link Long#MAX_VALUE} and the callers' checks then treat it like any
 * other too-large value (416, or a clamped page) instead of failing on the parse.
 */
final class SaturatingDecimal {

    private SaturatingDecimal() {
    }

    /** {@code digits} must be one or more ASCII digits (the callers' patterns guarantee it). */
    static long parse(String digits) {
        long value = 0;
        for (int i = 0; i < digits.length(); i++) {
            int digit = digits.charAt(i) - '0';
            if (value > (Long.MAX_VALUE - digit) / 10) {
                return Long.MAX_VALUE;
            }
            value = value * 10 + digit;
        }
        return value;
    }
}
