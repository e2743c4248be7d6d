package dev.drift.ops.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.drift.ops.e2e.suite.Registry;
import io.restassured.specification.SpecificationQuerier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class E2eTargetTest {

    @TempDir
    Path dir;

    @Test
    void urlLosesItsTrailingSlashes() {
        assertThat(E2eTarget.anonymous("http://127.0.0.1:5000/").url()).hasToString("http://127.0.0.1:5000");
        assertThat(E2eTarget.anonymous("https://registry.example/prefix//").url()).hasToString("https://registry.example/prefix");
    }

    @Test
    void badUrlsAreRefusedWithoutEchoingCredentials() {
        assertThatThrownBy(() -> E2eTarget.anonymous("ftp://host")).hasMessageContaining("http(s)://");
        assertThatThrownBy(() -> E2eTarget.anonymous("not a url")).hasMessageContaining("not a URL");
        assertThatThrownBy(() -> E2eTarget.anonymous("http://alice:s3cret@host:5000"))
                .hasMessageContaining("must not carry credentials")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void severalReplicasComeCommaSeparatedAndEachIsChecked() {
        E2eTarget pair = E2eTarget.anonymous("http://127.0.0.1:5000/, http://127.0.0.1:5001");
        assertThat(pair.urls()).containsExactly(URI.create("http://127.0.0.1:5000"), URI.create("http://127.0.0.1:5001"));
        assertThat(pair.url()).isEqualTo(URI.create("http://127.0.0.1:5000"));
        assertThat(pair.urlList()).isEqualTo("http://127.0.0.1:5000,http://127.0.0.1:5001");
        assertThatThrownBy(() -> E2eTarget.anonymous("http://127.0.0.1:5000,ftp://h")).hasMessageContaining("ftp://h");
        assertThatThrownBy(() -> E2eTarget.anonymous("http://127.0.0.1:5000,")).hasMessageContaining("http(s)://");
    }

    @Test
    void requestsGoToTheReplicasInTurn() {
        Registry registry = new Registry(E2eTarget.anonymous("http://127.0.0.1:5000,http://127.0.0.1:5001"));
        assertThat(List.of(registry.given(), registry.anonymous(), registry.as("u", "p")))
                .extracting(spec -> SpecificationQuerier.query(spec).getBaseUri())
                .containsExactly("http://127.0.0.1:5000", "http://127.0.0.1:5001", "http://127.0.0.1:5000");
    }

    @Test
    void userAndPasswordComeTogether() {
        assertThatThrownBy(() -> new E2eTarget(URI.create("http://h"), "alice", null))
                .hasMessageContaining("both a user and a password");
    }

    @Test
    void toStringNeverShowsThePassword() {
        E2eTarget target = E2eTarget.withCredentials("http://127.0.0.1:5000", "alice", "s3cret");
        assertThat(target.toString()).contains("alice").doesNotContain("s3cret");
    }

    @Test
    void environmentGivesUrlUserAndPassword() {
        E2eTarget target = E2eTarget.fromEnvironment(property -> null,
                Map.of("DRIFT_URL", "http://127.0.0.1:5000", "DRIFT_USER", "alice", "DRIFT_PASSWORD", "s3cret"));
        assertThat(target).isEqualTo(E2eTarget.withCredentials("http://127.0.0.1:5000", "alice", "s3cret"));
    }

    @Test
    void systemPropertiesWinAndThePasswordFileWinsOverTheVariable() throws Exception {
        Path file = Files.writeString(dir.resolve("pw"), "from-file\n");
        Map<String, String> properties = Map.of(E2eTarget.URL_PROPERTY, "http://127.0.0.1:6000",
                E2eTarget.USER_PROPERTY, "bob", E2eTarget.PASSWORD_FILE_PROPERTY, file.toString());
        E2eTarget target = E2eTarget.fromEnvironment(properties::get,
                Map.of("DRIFT_URL", "http://127.0.0.1:5000", "DRIFT_PASSWORD", "from-env"));
        assertThat(target).isEqualTo(E2eTarget.withCredentials("http://127.0.0.1:6000", "bob", "from-file"));
    }

    @Test
    void missingUrlAndEmptyPasswordFileAreNamed() throws Exception {
        assertThatThrownBy(() -> E2eTarget.fromEnvironment(property -> null, Map.of()))
                .hasMessageContaining("DRIFT_URL");
        Path empty = Files.writeString(dir.resolve("empty"), "\n");
        assertThatThrownBy(() -> E2eTarget.readPasswordFile(empty)).hasMessageContaining(empty.toString());
    }
}
