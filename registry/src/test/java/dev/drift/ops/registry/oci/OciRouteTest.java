package dev.drift.ops.registry.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OciRouteTest {

    @Test
    void namesWithSlashesAnchorOnTheResourceSegment() {
        assertThat(OciRoute.match("/v2/a/b/c/blobs/uploads/")).contains(new OciRoute(OciRoute.Kind.UPLOAD_START, "a/b/c", null));
        assertThat(OciRoute.match("/v2/a/b/blobs/uploads/1234")).contains(new OciRoute(OciRoute.Kind.UPLOAD, "a/b", "1234"));
        assertThat(OciRoute.match("/v2/a/blobs/sha256:x")).contains(new OciRoute(OciRoute.Kind.BLOB, "a", "sha256:x"));
        assertThat(OciRoute.match("/v2/lib/app/manifests/v1")).contains(new OciRoute(OciRoute.Kind.MANIFEST, "lib/app", "v1"));
        assertThat(OciRoute.match("/v2/lib/app/tags/list")).contains(new OciRoute(OciRoute.Kind.TAGS, "lib/app", null));
        assertThat(OciRoute.match("/v2/app/referrers/sha256:x")).contains(new OciRoute(OciRoute.Kind.REFERRERS, "app", "sha256:x"));
        assertThat(OciRoute.match("/v2/")).contains(new OciRoute(OciRoute.Kind.BASE, null, null));
        assertThat(OciRoute.match("/v2/_catalog")).contains(new OciRoute(OciRoute.Kind.CATALOG, null, null));
        assertThat(OciRoute.match("/v2/app/unknown")).isEmpty();
    }

    @Test
    void invalidNamesAreNameInvalid() {
        for (String path : new String[] {"/v2/App/tags/list", "/v2/a//b/tags/list", "/v2/-a/tags/list", "/v2/a_/tags/list"}) {
            assertThatThrownBy(() -> OciRoute.match(path)).as(path)
                    .isInstanceOfSatisfying(OciException.class, e -> assertThat(e.error()).isEqualTo(OciError.NAME_INVALID));
        }
    }

    @Test
    void tagGrammar() {
        assertThat(RepositoryName.isTag("v1.0_rc-1")).isTrue();
        assertThat(RepositoryName.isTag("_private")).isTrue();
        assertThat(RepositoryName.isTag(".hidden")).isFalse();
        assertThat(RepositoryName.isTag("a".repeat(129))).isFalse();
    }
}
