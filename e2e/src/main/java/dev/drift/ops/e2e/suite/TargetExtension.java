package dev.drift.ops.e2e.suite;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import dev.drift.ops.e2e.E2eTarget;

/**
 * Hands the suite's classes the {@link Registry} under test. {@code E2eRunner} passes the target as
 * launcher configuration parameters (kept in memory, unlike system properties, which JUnit's XML
 * reports copy); a run started some other way (an IDE, a plain console launcher) falls back to
 * {@link E2eTarget#fromEnvironment()}.
 */
public final class TargetExtension implements ParameterResolver {

    private static final String URL = "drift.e2e.url";
    private static final String USER = "drift.e2e.user";
    private static final String PASSWORD = "drift.e2e.password";

    /** The launcher configuration parameters that select {@code target}. */
    public static Map<String, String> configurationParameters(E2eTarget target) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put(URL, target.urlList());
        if (target.hasCredentials()) {
            parameters.put(USER, target.user());
            parameters.put(PASSWORD, target.password());
        }
        return parameters;
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Registry.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        // One Registry for the whole run, kept in the root context's store.
        return context.getRoot().getStore(ExtensionContext.Namespace.create(TargetExtension.class))
                .computeIfAbsent(Registry.class, key -> new Registry(target(context)), Registry.class);
    }

    private static E2eTarget target(ExtensionContext context) {
        Optional<String> url = context.getConfigurationParameter(URL);
        if (url.isEmpty()) {
            return E2eTarget.fromEnvironment();
        }
        Optional<String> user = context.getConfigurationParameter(USER);
        return user.isPresent()
                ? E2eTarget.withCredentials(url.get(), user.get(), context.getConfigurationParameter(PASSWORD).orElse(null))
                : E2eTarget.anonymous(url.get());
    }
}
