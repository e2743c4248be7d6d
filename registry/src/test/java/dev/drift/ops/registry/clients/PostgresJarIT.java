package dev.drift.ops.registry.clients;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.drift.ops.registry.OciFixtures;
import dev.drift.ops.testkit.PostgresServer;
import dev.drift.ops.registry.blob.Digest;

/**
 * Two processes of the packaged jar on one PostgreSQL database and one blob directory: what one stores the other
 * serves, and neither prints the database password.
 */
class PostgresJarIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path work;

    @Test
    void twoJarProcessesShareOneDatabaseAndNeitherLogsThePassword() throws Exception {
        String url = PostgresServer.shared().createDatabase();
        Path blobs = Files.createDirectories(work.resolve("blobs"));
        try (DriftProcess first = start("PostgresJarIT-a", url, blobs);
             DriftProcess second = start("PostgresJarIT-b", url, blobs)) {
            byte[] config = "{\"architecture\":\"amd64\",\"os\":\"linux\"}".getBytes(StandardCharsets.UTF_8);
            Digest configDigest = Digest.sha256(config);
            assertThat(send(first.baseUrl(), "POST", "/v2/shared/app/blobs/uploads/?digest=" + configDigest,
                    "application/octet-stream", config).statusCode()).isEqualTo(201);
            byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"" + OciFixtures.MANIFEST + "\",\"config\":"
                    + OciFixtures.descriptor(OciFixtures.CONFIG, configDigest, config.length) + ",\"layers\":[]}")
                    .getBytes(StandardCharsets.UTF_8);
            assertThat(send(first.baseUrl(), "PUT", "/v2/shared/app/manifests/v1", OciFixtures.MANIFEST, manifest)
                    .statusCode()).isEqualTo(201);

            HttpResponse<byte[]> pulled = send(second.baseUrl(), "GET", "/v2/shared/app/manifests/v1", null, null);
            assertThat(pulled.statusCode()).isEqualTo(200);
            assertThat(pulled.body()).isEqualTo(manifest);
            assertThat(send(second.baseUrl(), "GET", "/v2/shared/app/blobs/" + configDigest, null, null).body())
                    .isEqualTo(config);

            for (DriftProcess drift : new DriftProcess[] {first, second}) {
                assertThat(Files.readString(drift.log())).as(drift.log().toString())
                        .contains("listening").doesNotContain(PostgresServer.PASSWORD);
            }
        }
    }

    private DriftProcess start(String name, String postgresUrl, Path blobs) {
        return DriftProcess.startWith(name, work.resolve(name + ".toml"), "",
                DriftProcess.fsAndPostgres(blobs, postgresUrl) + """
                        [logging]
                        level = "debug"
                        """);
    }

    private static HttpResponse<byte[]> send(URI base, String method, String path, String contentType, byte[] body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
