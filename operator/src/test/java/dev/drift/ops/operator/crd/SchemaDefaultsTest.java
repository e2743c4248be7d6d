package dev.drift.ops.operator.crd;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Every default the schema declares (which the API server applies) is also what the Java classes
 * fill in (which the operator relies on for resources built in code or stored before a default
 * existed), so the two never disagree.
 */
class SchemaDefaultsTest {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    @Test
    void javaDefaultsEqualTheSchemaDefaults() throws IOException {
        Map<String, JsonNode> schemaDefaults = new TreeMap<>();
        collectDefaults(specSchema(), "", schemaDefaults);
        // Specs that, between them, reach every defaulted field.
        List<JsonNode> javaSpecs = List.of(
                json(DriftRegistrySpec.of(Backend.SQLITE)),
                json(DriftRegistrySpec.of(Backend.POSTGRES)),
                json(new DriftRegistrySpec(Backend.POSTGRES, null, null, null, null,
                        new PostgresSpec(null, new ExternalPostgres(new SecretKeyRef("db", null))), null, null, null)),
                // storage.backend left to its default too: s3 settings without it, which only the schema refuses.
                json(new DriftRegistrySpec(Backend.POSTGRES, null, null, null, new StorageSpec(null, null, null, null,
                        new S3Spec("http://s3:8333", null, "b", null, null, null, new S3Credentials("keys", null, null))),
                        null, null, null, null)));

        assertThat(schemaDefaults).as("the schema declares defaults").isNotEmpty();
        schemaDefaults.forEach((path, schemaValue) -> {
            List<JsonNode> javaValues = javaSpecs.stream().map(spec -> spec.at(path)).filter(node -> !node.isMissingNode())
                    .toList();
            assertThat(javaValues).as("the Java classes default %s", path).isNotEmpty();
            javaValues.forEach(javaValue -> assertThat(javaValue.asText()).as(path).isEqualTo(schemaValue.asText()));
        });
    }

    private static JsonNode json(DriftRegistrySpec spec) {
        return SERIALIZATION.convertValue(spec, JsonNode.class);
    }

    private static JSONSchemaProps specSchema() throws IOException {
        CustomResourceDefinition crd = SERIALIZATION.unmarshal(
                Files.readString(Path.of(System.getProperty("drift.crd.generated"))), CustomResourceDefinition.class);
        return crd.getSpec().getVersions().getFirst().getSchema().getOpenAPIV3Schema().getProperties().get("spec");
    }

    private static void collectDefaults(JSONSchemaProps schema, String path, Map<String, JsonNode> into) {
        if (schema.getDefault() != null) {
            into.put(path, schema.getDefault());
        }
        if (schema.getProperties() != null) {
            schema.getProperties().forEach((name, child) -> collectDefaults(child, path + "/" + name, into));
        }
    }
}
