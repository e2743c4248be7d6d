package dev.drift.ops.e2e.suite;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a class of the end-to-end suite: one instance per class (so a class pushes its fixtures once
 * and cleans them up in {@code @AfterAll}), with the {@link Registry} under test injected into its
 * constructor.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(TargetExtension.class)
public @interface DriftE2e {
}
