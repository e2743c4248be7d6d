package dev.drift.ops.operator;

import dev.drift.ops.deploy.DefaultImages;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How an operator process is told what to do, through its environment (the Deployment sets these):
 *
 * @param namespaces        {@code DRIFT_OPERATOR_NAMESPACES}, comma-separated; empty: every namespace
 * @param httpPort          {@code DRIFT_OPERATOR_HTTP_PORT}: /healthz, /readyz, /metrics (default 8080)
 * @param defaultDriftImage {@code DRIFT_OPERATOR_DRIFT_IMAGE}: the image of a DriftRegistry that names none
 *                          (default drift:&lt;operator version&gt;)
 */
public record OperatorSettings(Set<String> namespaces, int httpPort, String defaultDriftImage) {

    public static final String NAMESPACES_ENV = "DRIFT_OPERATOR_NAMESPACES";
    public static final String HTTP_PORT_ENV = "DRIFT_OPERATOR_HTTP_PORT";
    public static final String DRIFT_IMAGE_ENV = "DRIFT_OPERATOR_DRIFT_IMAGE";
    public static final int DEFAULT_HTTP_PORT = 8080;

    public OperatorSettings {
        namespaces = Set.copyOf(namespaces);
    }

    public static OperatorSettings fromEnvironment(Map<String, String> env) {
        Set<String> namespaces = Arrays.stream(env.getOrDefault(NAMESPACES_ENV, "").split(","))
                .map(String::strip).filter(name -> !name.isEmpty()).collect(Collectors.toSet());
        int port = Optional.ofNullable(env.get(HTTP_PORT_ENV)).map(String::strip).map(Integer::parseInt)
                .orElse(DEFAULT_HTTP_PORT);
        String image = Optional.ofNullable(env.get(DRIFT_IMAGE_ENV)).filter(value -> !value.isBlank())
                .orElse(DefaultImages.drift(OperatorVersion.get()));
        return new OperatorSettings(namespaces, port, image);
    }
}
