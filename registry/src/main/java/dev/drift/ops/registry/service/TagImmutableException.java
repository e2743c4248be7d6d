package dev.drift.ops.registry.service;

/**
 * A push that would move, or a DELETE that would remove, a tag {@code [registry] immutable_tags} protects. The message
 * starts with {@value #REASON} so clients and people can tell it from other denials.
 */
public final class TagImmutableException extends RefusedException {

    public static final String REASON = "TAG_IMMUTABLE";

    TagImmutableException(String repository, String tag, String pattern, String what) {
        super(REASON + ": tag " + tag + " in " + repository + " is immutable ([registry] immutable_tags has \"" + pattern
                + "\"); " + what);
    }
}
