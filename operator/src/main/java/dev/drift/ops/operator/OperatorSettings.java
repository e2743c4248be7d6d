package dev.drift.ops.operator;

import dev.drift.ops.deploy.DefaultImages;
import dev.drift.ops.deploy.ProjectVersion;
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
 * @param operatorClass     {@code DRIFT_OPERATOR_CLASS}: reconcile only DriftRegistries labelled
 *                          {@value #CLASS_LABEL}=&lt;class&gt;; without one, only those without the label. So an
 *                          operator run on a developer's machine (or by a test) beside the cluster's own never
 *                          reconciles the same resource, as IngressClasses keep ingress controllers apart.
 */
public record OperatorSettings(Set<String> namespaces, int httpPort, String defaultDriftImage,
                               Optional<String> operatorClass) {

    public static final String NAMESPACES_ENV = "DRIFT_OPERATOR_NAMESPACES";
    public static final String HTTP_PORT_ENV = "DRIFT_OPERATOR_HTTP_PORT";
    public static final String DRIFT_IMAGE_ENV = "DRIFT_OPERATOR_DRIFT_IMAGE";
    public static final String CLASS_ENV = "DRIFT_OPERATOR_CLASS";
    public static final String CLASS_LABEL = "drift.dev/operator-class";
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
                .orElse(DefaultImages.drift(ProjectVersion.get()));
        Optional<String> operatorClass = Optional.ofNullable(env.get(CLASS_ENV)).map(String::strip)
                .filter(value -> !value.isEmpty());
        return new OperatorSettings(namespaces, port, image, operatorClass);
    }

    /** The label selector of the DriftRegistries this operator reconciles. */
    public String resourceSelector() {
        return operatorClass.map(name -> CLASS_LABEL + "=" + name).orElse("!" + CLASS_LABEL);
    }
}
