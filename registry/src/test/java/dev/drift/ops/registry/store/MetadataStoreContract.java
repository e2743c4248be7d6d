package dev.drift.ops.registry.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import dev.drift.ops.registry.Concurrently;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link MetadataStore} must have, whatever database is behind it. A backend's test extends
 * this class and opens a fresh, empty store for each test.
 */
public abstract class MetadataStoreContract {

    private static final String IMAGE_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    private static final String IMAGE_INDEX = "application/vnd.oci.image.index.v1+json";
    private static final String LAYER = "application/vnd.oci.image.layer.v1.tar+gzip";

    protected MetadataStore store;

    /**
     * A new store over an empty database; the contract closes it after each test. A backend that is not available
     * on this machine aborts here with a JUnit assumption, and the test is reported skipped with its reason.
     */
    protected abstract MetadataStore openStore();

    @BeforeEach
    void openEmptyStore() {
        store = openStore();
    }

    @AfterEach
    void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    @Test
    void pingAnswersWhileTheDatabaseIsUp() {
        store.ping();
    }

    @Nested
    class Repositories {

        @Test
        void emptyStoreHasNoRepositories() {
            assertThat(store.listRepositories(null, 100)).isEmpty();
            assertThat(store.repositoryExists("library/alpine")).isFalse();
        }

        @Test
        void repositoriesAreListedInByteOrderAndPagedAfterLast() {
            for (String name : List.of("gamma/one", "beta", "gamma", "alpha", "Zeta")) {
                store.linkBlob(name, digest("config"), 10, LAYER);
            }

            assertThat(store.listRepositories(null, 100)).containsExactly("Zeta", "alpha", "beta", "gamma", "gamma/one");
            assertThat(store.listRepositories(null, 2)).containsExactly("Zeta", "alpha");
            assertThat(store.listRepositories("alpha", 2)).containsExactly("beta", "gamma");
            assertThat(store.listRepositories("gamma", 2)).containsExactly("gamma/one");
            assertThat(store.listRepositories("gamma/one", 2)).isEmpty();
            assertThat(store.listRepositories("b", 1)).containsExactly("beta");
            assertThat(store.listRepositories(null, 0)).isEmpty();
        }

        @Test
        void aRepositoryExistsWhileItHasAManifestOrABlobLink() {
            store.linkBlob("linked", digest("layer"), 5, LAYER);
            store.putManifest("pushed", manifest("m1"), List.of());
            store.putManifest("tagged", manifest("m2"), "latest");

            assertThat(store.repositoryExists("linked")).isTrue();
            assertThat(store.repositoryExists("pushed")).isTrue();
            assertThat(store.repositoryExists("tagged")).isTrue();
            assertThat(store.repositoryExists("other")).isFalse();
        }

        @Test
        void aRepositoryEmptiedOfEverythingNoLongerExists() {
            store.linkBlob("gone", digest("layer"), 5, LAYER);
            store.putManifest("gone", manifest("m1"), "latest");
            store.linkBlob("stays", digest("layer"), 5, LAYER);

            store.unlinkBlob("gone", digest("layer"));
            assertThat(store.repositoryExists("gone")).isTrue();
            store.deleteManifest("gone", digest("m1"));

            assertThat(store.repositoryExists("gone")).isFalse();
            assertThat(store.listRepositories(null, 10)).containsExactly("stays");
        }

        @Test
        void aNegativeLimitIsRefused() {
            assertThatThrownBy(() -> store.listRepositories(null, -1))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("limit");
        }
    }

    @Nested
    class Blobs {

        @Test
        void aLinkedBlobHasItsSizeInThatRepositoryOnly() {
            store.linkBlob("app", digest("layer"), 1234, LAYER);

            assertThat(store.linkedBlobSize("app", digest("layer"))).contains(1234L);
            assertThat(store.linkedBlobSize("other", digest("layer"))).isEmpty();
            assertThat(store.linkedBlobSize("app", digest("unknown"))).isEmpty();
        }

        @Test
        void linkingTwiceIsOneLinkAndUnlinkingReportsWhetherALinkExisted() {
            store.linkBlob("app", digest("layer"), 10, LAYER);
            store.linkBlob("app", digest("layer"), 10, LAYER);

            assertThat(store.unlinkBlob("app", digest("layer"))).isEqualTo(new BlobUnlink.Unlinked(true));
            assertThat(store.linkedBlobSize("app", digest("layer"))).isEmpty();
            assertThat(store.unlinkBlob("app", digest("layer"))).isEqualTo(new BlobUnlink.NotLinked());
            assertThat(store.unlinkBlob("nowhere", digest("layer"))).isEqualTo(new BlobUnlink.NotLinked());
        }

        @Test
        void unlinkingFromOneRepositoryKeepsTheLinkInAnother() {
            store.linkBlob("a", digest("layer"), 10, LAYER);
            store.linkBlob("b", digest("layer"), 10, LAYER);

            assertThat(store.unlinkBlob("a", digest("layer"))).as("b still needs the content")
                    .isEqualTo(new BlobUnlink.Unlinked(false));

            assertThat(store.linkedBlobSize("b", digest("layer"))).contains(10L);
            assertThat(store.isBlobInUse(digest("layer"))).isTrue();
        }

        @Test
        void aBlobIsInUseWhileLinkedOrReferencedByAManifest() {
            store.linkBlob("app", digest("config"), 10, LAYER);
            store.linkBlob("app", digest("layer"), 20, LAYER);
            store.putManifest("app", manifest("m1", List.of(digest("config"), digest("layer"))), "v1");

            assertThat(store.isBlobInUse(digest("config"))).isTrue();
            assertThat(store.isBlobInUse(digest("layer"))).isTrue();
            assertThat(store.isBlobInUse(digest("m1"))).as("the manifest's own document").isTrue();
            assertThat(store.isBlobInUse(digest("never-seen"))).isFalse();

            store.deleteManifest("app", digest("m1"));
            store.unlinkBlob("app", digest("config"));
            store.unlinkBlob("app", digest("layer"));

            assertThat(store.isBlobInUse(digest("config"))).isFalse();
            assertThat(store.isBlobInUse(digest("layer"))).isFalse();
            assertThat(store.isBlobInUse(digest("m1"))).isFalse();
        }

        @Test
        void aBlobAManifestReferencesCannotBeUnlinkedAndTheRefusalNamesTheManifests() {
            store.linkBlob("app", digest("config"), 10, LAYER);
            store.linkBlob("app", digest("layer"), 20, LAYER);
            store.putManifest("app", manifest("m2", List.of(digest("config"), digest("layer"))), "v2");
            store.putManifest("app", manifest("m1", List.of(digest("config"))), "v1");

            assertThat(store.unlinkBlob("app", digest("config")))
                    .isEqualTo(new BlobUnlink.Referenced(sorted(digest("m1"), digest("m2"))));
            assertThat(store.linkedBlobSize("app", digest("config"))).contains(10L);

            store.deleteManifest("app", digest("m2"));

            assertThat(store.unlinkBlob("app", digest("layer"))).isEqualTo(new BlobUnlink.Unlinked(true));
            assertThat(store.unlinkBlob("app", digest("config"))).isEqualTo(new BlobUnlink.Referenced(List.of(digest("m1"))));
        }

        @Test
        void aManifestInAnotherRepositoryDoesNotKeepTheLinkButKeepsTheContent() {
            store.linkBlob("a", digest("layer"), 20, LAYER);
            store.linkBlob("b", digest("layer"), 20, LAYER);
            store.putManifest("b", manifest("m1", List.of(digest("layer"))), "v1");

            assertThat(store.unlinkBlob("a", digest("layer"))).isEqualTo(new BlobUnlink.Unlinked(false));
        }

        @Test
        void childManifestsOfAnIndexAreInUse() {
            store.putManifest("app", manifest("amd64"), List.of());
            store.putManifest("app", manifest("arm64"), List.of());
            store.putManifest("app", index("idx", List.of(digest("amd64"), digest("arm64"))), "multi");

            assertThat(store.isBlobInUse(digest("amd64"))).isTrue();
            assertThat(store.isBlobInUse(digest("arm64"))).isTrue();
        }

        @Test
        void boltContentIsInUse() {
            store.saveBoltItem(boltItem(BoltKind.PROFILE, "fast", "Fast profile", List.of()));

            assertThat(store.isBlobInUse(digest("content-fast"))).isTrue();

            store.deleteBoltItem(BoltKind.PROFILE, "fast");
            assertThat(store.isBlobInUse(digest("content-fast"))).isFalse();
        }
    }

    @Nested
    class Manifests {

        @Test
        void aStoredManifestComesBackWithEveryField() {
            Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            NewManifest pushed = new NewManifest(digest("sig"), IMAGE_MANIFEST, 512, digest("subject"),
                    "application/vnd.dev.sigstore", "{\"org.opencontainers.image.created\":\"2026\"}",
                    List.of(digest("config")), List.of());
            store.linkBlob("app", digest("config"), 10, LAYER);
            store.putManifest("app", pushed, List.of());

            ManifestRecord found = store.findManifest("app", digest("sig")).orElseThrow();

            assertThat(found.repository()).isEqualTo("app");
            assertThat(found.digest()).isEqualTo(digest("sig"));
            assertThat(found.mediaType()).isEqualTo(IMAGE_MANIFEST);
            assertThat(found.size()).isEqualTo(512);
            assertThat(found.subject()).isEqualTo(digest("subject"));
            assertThat(found.artifactType()).isEqualTo("application/vnd.dev.sigstore");
            assertThat(found.annotations()).isEqualTo("{\"org.opencontainers.image.created\":\"2026\"}");
            assertThat(found.createdAt()).isAfterOrEqualTo(before);
            assertThat(store.findManifest("other", digest("sig"))).isEmpty();
            assertThat(store.findManifest("app", digest("unknown"))).isEmpty();
        }

        @Test
        void optionalFieldsMayBeNull() {
            store.putManifest("app", manifest("plain"), List.of());

            ManifestRecord found = store.findManifest("app", digest("plain")).orElseThrow();

            assertThat(found.subject()).isNull();
            assertThat(found.artifactType()).isNull();
            assertThat(found.annotations()).isNull();
        }

        @Test
        void aTagLeadsToItsManifest() {
            store.putManifest("app", manifest("m1"), "v1");

            assertThat(store.findManifestByTag("app", "v1")).map(ManifestRecord::digest).contains(digest("m1"));
            assertThat(store.findManifestByTag("app", "v2")).isEmpty();
            assertThat(store.findManifestByTag("other", "v1")).isEmpty();
        }

        @Test
        void puttingATagOnAnotherManifestMovesIt() {
            store.putManifest("app", manifest("m1"), "latest");
            store.putManifest("app", manifest("m2"), "latest");

            assertThat(store.findManifestByTag("app", "latest")).map(ManifestRecord::digest).contains(digest("m2"));
            assertThat(store.findManifest("app", digest("m1"))).isPresent();
            assertThat(store.listTags("app", null, 10)).containsExactly("latest");
        }

        @Test
        void puttingTheSameManifestAgainIsIdempotentAndStillMovesTheTag() {
            store.putManifest("app", manifest("m1"), "v1");
            store.putManifest("app", manifest("m2"), "latest");
            store.putManifest("app", manifest("m1"), "latest");
            store.putManifest("app", manifest("m1"), List.of());

            assertThat(store.findManifestByTag("app", "latest")).map(ManifestRecord::digest).contains(digest("m1"));
            assertThat(store.findManifestByTag("app", "v1")).map(ManifestRecord::digest).contains(digest("m1"));
            assertThat(store.listTags("app", null, 10)).containsExactly("latest", "v1");
        }

        @Test
        void theSameDigestLivesIndependentlyInTwoRepositories() {
            store.putManifest("a", manifest("m1"), "v1");
            store.putManifest("b", manifest("m1"), "v1");

            assertThat(store.deleteManifest("a", digest("m1"))).isEqualTo(new ManifestDeletion.Deleted());

            assertThat(store.findManifest("a", digest("m1"))).isEmpty();
            assertThat(store.findManifestByTag("b", "v1")).map(ManifestRecord::digest).contains(digest("m1"));
        }

        @Test
        void deletingAManifestDeletesItsTagsAndReferencesOnly() {
            store.linkBlob("app", digest("layer"), 20, LAYER);
            store.putManifest("app", manifest("m1", List.of(digest("layer"))), "v1");
            store.putManifest("app", manifest("m1", List.of(digest("layer"))), "stable");
            store.putManifest("app", manifest("m2"), "v2");

            assertThat(store.deleteManifest("app", digest("m1"))).isEqualTo(new ManifestDeletion.Deleted());

            assertThat(store.findManifest("app", digest("m1"))).isEmpty();
            assertThat(store.findManifestByTag("app", "v1")).isEmpty();
            assertThat(store.listTags("app", null, 10)).containsExactly("v2");
            assertThat(store.unlinkBlob("app", digest("layer"))).as("no reference left").isEqualTo(new BlobUnlink.Unlinked(true));
            assertThat(store.deleteManifest("app", digest("m1"))).isEqualTo(new ManifestDeletion.NotStored());
            assertThat(store.deleteManifest("nowhere", digest("m2"))).isEqualTo(new ManifestDeletion.NotStored());
        }

        @Test
        void deletingATagKeepsTheManifest() {
            store.putManifest("app", manifest("m1"), "v1");

            assertThat(store.deleteTag("app", "v1")).isTrue();

            assertThat(store.findManifestByTag("app", "v1")).isEmpty();
            assertThat(store.findManifest("app", digest("m1"))).isPresent();
            assertThat(store.deleteTag("app", "v1")).isFalse();
            assertThat(store.deleteTag("nowhere", "v1")).isFalse();
        }

        @Test
        void tagsAreListedInByteOrderAndPagedAfterLast() {
            List<String> tags = List.of("v1", "latest", "V2", "a_b", "1.0", "v1.1", "a-b");
            for (String tag : tags) {
                store.putManifest("app", manifest("m-" + tag), tag);
            }
            List<String> byteOrder = tags.stream().sorted().toList();

            assertThat(store.listTags("app", null, 100)).containsExactlyElementsOf(byteOrder);
            assertThat(store.listTags("app", null, 3)).containsExactlyElementsOf(byteOrder.subList(0, 3));
            assertThat(store.listTags("app", byteOrder.get(2), 3)).containsExactlyElementsOf(byteOrder.subList(3, 6));
            assertThat(store.listTags("app", byteOrder.get(5), 3)).containsExactlyElementsOf(byteOrder.subList(6, 7));
            assertThat(store.listTags("app", "zzz", 3)).isEmpty();
            assertThat(store.listTags("app", null, 0)).isEmpty();
            assertThat(store.listTags("other", null, 10)).isEmpty();
        }

        @Test
        void referrersAreTheManifestsWithThatSubjectFilteredByArtifactType() {
            store.putManifest("app", manifest("image"), "v1");
            store.putManifest("app", referrer("sig", "image", "application/vnd.example.signature"), List.of());
            store.putManifest("app", referrer("sbom", "image", "application/spdx+json"), List.of());
            store.putManifest("app", referrer("sig2", "image", "application/vnd.example.signature"), List.of());
            store.putManifest("app", referrer("elsewhere", "other-image", "application/spdx+json"), List.of());
            store.putManifest("mirror", referrer("sig", "image", "application/vnd.example.signature"), List.of());

            assertThat(store.findReferrers("app", digest("image"), null)).extracting(ManifestRecord::digest)
                    .containsExactlyElementsOf(sorted(digest("sig"), digest("sbom"), digest("sig2")));
            assertThat(store.findReferrers("app", digest("image"), "application/vnd.example.signature"))
                    .extracting(ManifestRecord::digest)
                    .containsExactlyElementsOf(sorted(digest("sig"), digest("sig2")));
            assertThat(store.findReferrers("app", digest("image"), "application/unknown")).isEmpty();
            assertThat(store.findReferrers("app", digest("nothing-refers"), null)).isEmpty();
            assertThat(store.findReferrers("app", digest("image"), null))
                    .allSatisfy(found -> assertThat(found.repository()).isEqualTo("app"));
        }

        @Test
        void aReferenceListedTwiceIsStoredOnce() {
            store.linkBlob("app", digest("layer"), 20, LAYER);
            store.putManifest("app", manifest("m1", List.of(digest("layer"), digest("layer"))), "v1");

            assertThat(store.unlinkBlob("app", digest("layer"))).isEqualTo(new BlobUnlink.Referenced(List.of(digest("m1"))));
            store.deleteManifest("app", digest("m1"));
            assertThat(store.unlinkBlob("app", digest("layer"))).isEqualTo(new BlobUnlink.Unlinked(true));
        }

        @Test
        void aManifestWhoseBlobsAreNotLinkedInItsRepositoryIsRefusedNamingThemAndNothingIsStored() {
            store.linkBlob("app", digest("config"), 10, LAYER);
            store.linkBlob("other", digest("layer"), 20, LAYER);
            NewManifest image = manifest("m1", List.of(digest("config"), digest("layer"), digest("never-pushed")));

            assertThatThrownBy(() -> store.putManifest("app", image, "v1"))
                    .isInstanceOfSatisfying(MissingReferencesException.class, missing -> {
                        assertThat(missing.blobs()).containsExactly(digest("layer"), digest("never-pushed"));
                        assertThat(missing.manifests()).isEmpty();
                    });
            assertThat(store.findManifest("app", digest("m1"))).isEmpty();
            assertThat(store.listTags("app", null, 10)).isEmpty();
            assertThat(store.unlinkBlob("app", digest("config"))).as("no reference was stored")
                    .isEqualTo(new BlobUnlink.Unlinked(true));
        }

        @Test
        void anIndexWhoseChildrenAreNotStoredInItsRepositoryIsRefusedNamingThem() {
            store.putManifest("app", manifest("amd64"), List.of());
            store.putManifest("other", manifest("arm64"), List.of());

            assertThatThrownBy(() -> store.putManifest("app", index("idx", List.of(digest("amd64"), digest("arm64"))), "multi"))
                    .isInstanceOfSatisfying(MissingReferencesException.class, missing -> {
                        assertThat(missing.manifests()).containsExactly(digest("arm64"));
                        assertThat(missing.blobs()).isEmpty();
                    });
            assertThat(store.findManifestByTag("app", "multi")).isEmpty();
        }

        @Test
        void aChildOfAnIndexCannotBeDeletedWhileAnIndexListsItAndTheRefusalNamesTheIndexes() {
            store.putManifest("app", manifest("amd64"), List.of());
            store.putManifest("app", manifest("arm64"), List.of());
            store.putManifest("app", index("idx-2", List.of(digest("amd64"), digest("arm64"))), "multi");
            store.putManifest("app", index("idx-1", List.of(digest("amd64"))), "amd64-only");
            store.putManifest("other", manifest("amd64"), List.of());

            assertThat(store.deleteManifest("app", digest("amd64")))
                    .isEqualTo(new ManifestDeletion.Referenced(sorted(digest("idx-1"), digest("idx-2"))));
            assertThat(store.findManifest("app", digest("amd64"))).isPresent();
            assertThat(store.deleteManifest("other", digest("amd64"))).as("no index of its own repository lists it")
                    .isEqualTo(new ManifestDeletion.Deleted());

            assertThat(store.deleteManifest("app", digest("idx-2"))).isEqualTo(new ManifestDeletion.Deleted());
            assertThat(store.deleteManifest("app", digest("arm64"))).isEqualTo(new ManifestDeletion.Deleted());
            assertThat(store.deleteManifest("app", digest("amd64")))
                    .isEqualTo(new ManifestDeletion.Referenced(List.of(digest("idx-1"))));
        }

        @Test
        void aMissingSubjectIsNoReason() {
            store.putManifest("app", referrer("sig", "not-pushed-yet", "application/vnd.example.signature"), List.of());

            assertThat(store.findReferrers("app", digest("not-pushed-yet"), null)).extracting(ManifestRecord::digest)
                    .containsExactly(digest("sig"));
        }

        @Test
        void aManifestWithoutDigestIsRefusedAndNothingIsStored() {
            NewManifest broken = new NewManifest(null, IMAGE_MANIFEST, 1, null, null, null, List.of(), List.of());

            assertThatThrownBy(() -> store.putManifest("app", broken, "v1"))
                    .isInstanceOf(NullPointerException.class)
                    .hasMessageContaining("digest");
            assertThat(store.repositoryExists("app")).isFalse();
            assertThat(store.listTags("app", null, 10)).isEmpty();
        }
    }

    @Nested
    class Uploads {

        @Test
        void anUploadIsFoundInItsRepositoryUntilDeleted() {
            Instant started = Instant.parse("2026-11-28T06:00:00.123Z");
            store.createUpload(new UploadSession("u-1", "app", started));

            assertThat(store.findUpload("app", "u-1")).contains(new UploadSession("u-1", "app", started));
            assertThat(store.findUpload("other", "u-1")).isEmpty();
            assertThat(store.repositoryExists("app")).as("an upload alone makes no repository").isFalse();

            assertThat(store.deleteUpload("u-1")).isTrue();
            assertThat(store.findUpload("app", "u-1")).isEmpty();
            assertThat(store.deleteUpload("u-1")).isFalse();
        }

        @Test
        void completingAnUploadEndsItsSessionAndLinksTheBlobInItsRepository() {
            store.createUpload(new UploadSession("u-1", "app", Instant.parse("2026-11-28T06:00:00Z")));

            assertThat(store.completeUpload("u-1", digest("layer"), 77)).isTrue();

            assertThat(store.findUpload("app", "u-1")).isEmpty();
            assertThat(store.linkedBlobSize("app", digest("layer"))).contains(77L);
            assertThat(store.completeUpload("u-1", digest("other"), 5)).as("a session completes once").isFalse();
            assertThat(store.linkedBlobSize("app", digest("other"))).isEmpty();
            assertThat(store.repositoryExists("app")).isTrue();
        }

        @Test
        void aDuplicateUploadIdIsRefusedAndTheFirstSessionKept() {
            Instant started = Instant.parse("2026-11-28T06:00:00Z");
            store.createUpload(new UploadSession("u-1", "app", started));

            assertThatThrownBy(() -> store.createUpload(new UploadSession("u-1", "other", started.plusSeconds(5))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("u-1");
            assertThat(store.findUpload("app", "u-1")).contains(new UploadSession("u-1", "app", started));
        }
    }

    @Nested
    class GarbageCollection {

        /** A cutoff after everything a test stored: all of it is older than the window. */
        private Instant later() {
            return Instant.now().plusSeconds(60);
        }

        @Test
        void onlyManifestsNoTagIndexOrSubjectReachesAreUnreached() {
            store.putManifest("app", manifest("tagged"), "v1");
            store.putManifest("app", manifest("child"), (String) null);
            store.putManifest("app", index("index", List.of(digest("child"))), "multi");
            store.putManifest("app", referrer("signature", "tagged", "application/x-sig"), (String) null);
            store.putManifest("app", referrer("orphan-signature", "gone", "application/x-sig"), (String) null);
            store.putManifest("app", manifest("loose"), (String) null);
            store.putManifest("other", manifest("child"), (String) null);

            List<String> expected = new ArrayList<>(sortedIn("app", digest("loose"), digest("orphan-signature")));
            expected.add("other@" + digest("child"));
            assertThat(store.unreachedManifests(later()))
                    .as("app's index reaches its child in app only")
                    .extracting(m -> m.repository() + "@" + m.digest())
                    .containsExactlyElementsOf(expected);
            assertThat(store.unreachedManifests(Instant.now().minusSeconds(60))).as("younger than the window").isEmpty();
        }

        @Test
        void anUnreachedManifestIsDeletedWithItsReferencesAndAReachedOneStays() {
            store.linkBlob("app", digest("layer"), 10, LAYER);
            store.putManifest("app", manifest("loose", List.of(digest("layer"))), (String) null);
            store.putManifest("app", manifest("tagged"), "v1");

            assertThat(store.deleteUnreachedManifest("app", digest("tagged"), later())).isFalse();
            assertThat(store.deleteUnreachedManifest("app", digest("loose"), Instant.now().minusSeconds(60)))
                    .as("younger than the window").isFalse();
            assertThat(store.deleteUnreachedManifest("app", digest("loose"), later())).isTrue();

            assertThat(store.findManifest("app", digest("loose"))).isEmpty();
            assertThat(store.findManifestByTag("app", "v1")).isPresent();
            assertThat(store.unreferencedBlobs(later())).extracting(StoredBlob::digest).containsExactly(digest("layer"));
        }

        @Test
        void deletingAnUntaggedIndexLeavesItsChildrenUnreachedForTheNextRound() {
            store.putManifest("app", manifest("child"), (String) null);
            store.putManifest("app", index("index", List.of(digest("child"))), (String) null);

            assertThat(store.unreachedManifests(later())).extracting(ManifestRecord::digest).containsExactly(digest("index"));
            assertThat(store.deleteUnreachedManifest("app", digest("index"), later())).isTrue();
            assertThat(store.unreachedManifests(later())).extracting(ManifestRecord::digest).containsExactly(digest("child"));
        }

        @Test
        void blobsAManifestReferencesOrABoltItemServesAreNotUnreferenced() {
            store.linkBlob("app", digest("layer"), 10, LAYER);
            store.linkBlob("other", digest("layer"), 10, LAYER);
            store.linkBlob("other", digest("used"), 20, LAYER);
            store.putManifest("other", manifest("image", List.of(digest("used"))), "v1");
            store.linkBlob("app", digest("content-item"), 10, LAYER);
            store.saveBoltItem(new BoltItem(BoltKind.PROFILE, "item", "1.0.0", null, "tester", List.of(), 4.0, "{}",
                    digest("content-item"), 10, "application/json", 0, null, null));

            assertThat(store.unreferencedBlobs(later())).containsExactly(new StoredBlob(digest("layer"), 10));
            assertThat(store.unreferencedBlobs(Instant.now().minusSeconds(60))).as("younger than the window").isEmpty();
            assertThat(store.deleteUnreferencedBlob(digest("used"), later())).isFalse();
            assertThat(store.deleteUnreferencedBlob(digest("content-item"), later())).isFalse();

            assertThat(store.deleteUnreferencedBlob(digest("layer"), later())).isTrue();
            assertThat(store.linkedBlobSize("app", digest("layer"))).isEmpty();
            assertThat(store.linkedBlobSize("other", digest("layer"))).isEmpty();
            assertThat(store.isBlobInUse(digest("layer"))).isFalse();
            assertThat(store.linkedBlobSize("other", digest("used"))).isPresent();
        }

        @Test
        void linkingABlobAgainAfterMarkingKeepsIt() throws Exception {
            store.linkBlob("app", digest("layer"), 10, LAYER);
            Thread.sleep(5);
            Instant marked = Instant.now();
            assertThat(store.unreferencedBlobs(marked)).hasSize(1);
            Thread.sleep(5);

            store.linkBlob("other", digest("layer"), 10, LAYER);

            assertThat(store.deleteUnreferencedBlob(digest("layer"), marked)).isFalse();
            assertThat(store.linkedBlobSize("other", digest("layer"))).contains(10L);
        }

        @Test
        void uploadsStartedBeforeTheLimitAreListedOldestFirst() {
            Instant now = Instant.parse("2026-11-28T06:00:00Z");
            store.createUpload(new UploadSession("fresh", "app", now));
            store.createUpload(new UploadSession("old", "app", now.minusSeconds(7200)));
            store.createUpload(new UploadSession("older", "app", now.minusSeconds(9000)));

            assertThat(store.uploadsStartedBefore(now.minusSeconds(3600)))
                    .extracting(UploadSession::id).containsExactly("older", "old");
        }

        @Test
        void oneCollectorLockHolderAtATime() {
            Optional<Optional<String>> nested = store.underCollectorLock(
                    () -> store.underCollectorLock(() -> "second"));

            assertThat(nested).contains(Optional.empty());
            assertThat(store.underCollectorLock(() -> "again")).as("released after the run").contains("again");
        }

        private List<String> sortedIn(String repository, String... digests) {
            return Arrays.stream(digests).sorted().map(d -> repository + "@" + d).toList();
        }
    }

    @Nested
    class Bolt {

        @Test
        void aSavedItemComesBackWithEveryFieldAndSortedTags() {
            Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            BoltItem saved = store.saveBoltItem(new BoltItem(BoltKind.PLUGIN, "fps-boost", "1.2.0", "More frames",
                    "ada", List.of("perf", "fps", "perf"), 4.5, "{\"name\":\"fps-boost\"}", digest("content"), 2048,
                    "application/gzip", 99, Instant.EPOCH, Instant.EPOCH));

            Optional<BoltItem> found = store.findBoltItem(BoltKind.PLUGIN, "fps-boost");

            assertThat(found).contains(saved);
            BoltItem item = found.orElseThrow();
            assertThat(item.kind()).isEqualTo(BoltKind.PLUGIN);
            assertThat(item.name()).isEqualTo("fps-boost");
            assertThat(item.version()).isEqualTo("1.2.0");
            assertThat(item.description()).isEqualTo("More frames");
            assertThat(item.author()).isEqualTo("ada");
            assertThat(item.tags()).containsExactly("fps", "perf");
            assertThat(item.rating()).isEqualTo(4.5);
            assertThat(item.document()).isEqualTo("{\"name\":\"fps-boost\"}");
            assertThat(item.contentDigest()).isEqualTo(digest("content"));
            assertThat(item.contentSize()).isEqualTo(2048);
            assertThat(item.contentType()).isEqualTo("application/gzip");
            assertThat(item.downloads()).as("the store counts downloads itself").isZero();
            assertThat(item.createdAt()).isAfterOrEqualTo(before);
            assertThat(item.updatedAt()).isEqualTo(item.createdAt());
            assertThat(store.findBoltItem(BoltKind.PROFILE, "fps-boost")).isEmpty();
        }

        @Test
        void savingAgainReplacesTheItemButKeepsDownloadsAndCreationTime() {
            BoltItem first = store.saveBoltItem(boltItem(BoltKind.PROFILE, "quiet", "Quiet fans", List.of("fans", "silent")));
            store.recordBoltDownload(BoltKind.PROFILE, "quiet");
            store.recordBoltDownload(BoltKind.PROFILE, "quiet");

            BoltItem replacement = new BoltItem(BoltKind.PROFILE, "quiet", "2.0.0", "Quieter fans", "bob",
                    List.of("fans", "night"), 3.0, "{\"v\":2}", digest("content-v2"), 77, "application/json", 0,
                    null, null);
            BoltItem saved = store.saveBoltItem(replacement);

            assertThat(saved.version()).isEqualTo("2.0.0");
            assertThat(saved.description()).isEqualTo("Quieter fans");
            assertThat(saved.author()).isEqualTo("bob");
            assertThat(saved.tags()).containsExactly("fans", "night");
            assertThat(saved.rating()).isEqualTo(3.0);
            assertThat(saved.document()).isEqualTo("{\"v\":2}");
            assertThat(saved.contentDigest()).isEqualTo(digest("content-v2"));
            assertThat(saved.contentSize()).isEqualTo(77);
            assertThat(saved.downloads()).isEqualTo(2);
            assertThat(saved.createdAt()).isEqualTo(first.createdAt());
            assertThat(saved.updatedAt()).isAfterOrEqualTo(first.updatedAt());
            assertThat(store.findBoltItem(BoltKind.PROFILE, "quiet")).contains(saved);
            assertThat(store.listBoltItems(BoltKind.PROFILE, null, null, 1, 10).total()).isEqualTo(1);
        }

        @Test
        void profilesAndPluginsHaveSeparateNamespaces() {
            store.saveBoltItem(boltItem(BoltKind.PROFILE, "shared", "a profile", List.of()));
            store.saveBoltItem(boltItem(BoltKind.PLUGIN, "shared", "a plugin", List.of()));
            store.recordBoltDownload(BoltKind.PLUGIN, "shared");

            assertThat(store.findBoltItem(BoltKind.PROFILE, "shared").orElseThrow().description()).isEqualTo("a profile");
            assertThat(store.findBoltItem(BoltKind.PLUGIN, "shared").orElseThrow().downloads()).isEqualTo(1);
            assertThat(store.findBoltItem(BoltKind.PROFILE, "shared").orElseThrow().downloads()).isZero();

            assertThat(store.deleteBoltItem(BoltKind.PLUGIN, "shared")).isTrue();
            assertThat(store.findBoltItem(BoltKind.PROFILE, "shared")).isPresent();
        }

        @Test
        void listingPagesByNameWithTheTotal() {
            for (String name : List.of("echo", "alpha", "delta", "charlie", "bravo")) {
                store.saveBoltItem(boltItem(BoltKind.PROFILE, name, name + " profile", List.of()));
            }
            store.saveBoltItem(boltItem(BoltKind.PLUGIN, "plugin-only", "not a profile", List.of()));

            Page<BoltItem> first = store.listBoltItems(BoltKind.PROFILE, null, null, 1, 2);
            Page<BoltItem> last = store.listBoltItems(BoltKind.PROFILE, null, null, 3, 2);
            Page<BoltItem> beyond = store.listBoltItems(BoltKind.PROFILE, null, null, 4, 2);

            assertThat(first.results()).extracting(BoltItem::name).containsExactly("alpha", "bravo");
            assertThat(first.total()).isEqualTo(5);
            assertThat(first.pages()).isEqualTo(3);
            assertThat(first.page()).isEqualTo(1);
            assertThat(first.perPage()).isEqualTo(2);
            assertThat(last.results()).extracting(BoltItem::name).containsExactly("echo");
            assertThat(beyond.results()).isEmpty();
            assertThat(beyond.total()).isEqualTo(5);
        }

        @Test
        void theQueryMatchesNameOrDescriptionIgnoringCase() {
            store.saveBoltItem(boltItem(BoltKind.PROFILE, "Counter-Strike", "Low latency", List.of()));
            store.saveBoltItem(boltItem(BoltKind.PROFILE, "racing", "Smooth STRIKE-free steering", List.of()));
            store.saveBoltItem(boltItem(BoltKind.PROFILE, "chess", null, List.of()));

            assertThat(store.listBoltItems(BoltKind.PROFILE, "strike", null, 1, 10).results())
                    .extracting(BoltItem::name).containsExactly("Counter-Strike", "racing");
            assertThat(store.listBoltItems(BoltKind.PROFILE, "LATENCY", null, 1, 10).results())
                    .extracting(BoltItem::name).containsExactly("Counter-Strike");
            assertThat(store.listBoltItems(BoltKind.PROFILE, "golf", null, 1, 10).total()).isZero();
            assertThat(store.listBoltItems(BoltKind.PROFILE, "", null, 1, 10).total()).isEqualTo(3);
        }

        @Test
        void wildcardCharactersInTheQueryMatchLiterally() {
            store.saveBoltItem(boltItem(BoltKind.PROFILE, "half", "50% fan speed", List.of()));
            store.saveBoltItem(boltItem(BoltKind.PROFILE, "full", "500 rpm", List.of()));
            store.saveBoltItem(boltItem(BoltKind.PROFILE, "under_score", "x", List.of()));
            store.saveBoltItem(boltItem(BoltKind.PROFILE, "underXscore", "x", List.of()));

            assertThat(store.listBoltItems(BoltKind.PROFILE, "50%", null, 1, 10).results())
                    .extracting(BoltItem::name).containsExactly("half");
            assertThat(store.listBoltItems(BoltKind.PROFILE, "under_", null, 1, 10).results())
                    .extracting(BoltItem::name).containsExactly("under_score");
            assertThat(store.listBoltItems(BoltKind.PROFILE, "\\", null, 1, 10).total()).isZero();
        }

        @Test
        void theTagFilterKeepsItemsWithThatTagAndCombinesWithTheQuery() {
            store.saveBoltItem(boltItem(BoltKind.PLUGIN, "fps", "frames", List.of("perf", "gpu")));
            store.saveBoltItem(boltItem(BoltKind.PLUGIN, "ram", "memory", List.of("perf")));
            store.saveBoltItem(boltItem(BoltKind.PLUGIN, "theme", "colours", List.of("ui")));

            Page<BoltItem> perf = store.listBoltItems(BoltKind.PLUGIN, null, "perf", 1, 10);
            assertThat(perf.results()).extracting(BoltItem::name).containsExactly("fps", "ram");
            assertThat(perf.total()).isEqualTo(2);
            assertThat(perf.results().getFirst().tags()).as("every tag, not only the filter's").containsExactly("gpu", "perf");
            assertThat(store.listBoltItems(BoltKind.PLUGIN, "mem", "perf", 1, 10).results())
                    .extracting(BoltItem::name).containsExactly("ram");
            assertThat(store.listBoltItems(BoltKind.PLUGIN, null, "none", 1, 10).total()).isZero();
        }

        @Test
        void aPageBelowOneIsRefused() {
            assertThatThrownBy(() -> store.listBoltItems(BoltKind.PROFILE, null, null, 0, 10))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("page");
            assertThatThrownBy(() -> store.listBoltItems(BoltKind.PROFILE, null, null, 1, 0))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("per_page");
        }

        @Test
        void deletingAnItemRemovesItAndItsTags() {
            store.saveBoltItem(boltItem(BoltKind.PROFILE, "old", "old one", List.of("legacy")));

            assertThat(store.deleteBoltItem(BoltKind.PROFILE, "old")).isTrue();

            assertThat(store.findBoltItem(BoltKind.PROFILE, "old")).isEmpty();
            assertThat(store.listBoltItems(BoltKind.PROFILE, null, "legacy", 1, 10).total()).isZero();
            assertThat(store.deleteBoltItem(BoltKind.PROFILE, "old")).isFalse();
            assertThat(store.saveBoltItem(boltItem(BoltKind.PROFILE, "old", "again", List.of())).tags()).isEmpty();
        }

        @Test
        void downloadsAreCountedPerItem() {
            store.saveBoltItem(boltItem(BoltKind.PROFILE, "p", "d", List.of()));

            assertThat(store.recordBoltDownload(BoltKind.PROFILE, "p")).isTrue();
            assertThat(store.recordBoltDownload(BoltKind.PROFILE, "p")).isTrue();
            assertThat(store.recordBoltDownload(BoltKind.PROFILE, "missing")).isFalse();
            assertThat(store.recordBoltDownload(BoltKind.PLUGIN, "p")).isFalse();

            assertThat(store.findBoltItem(BoltKind.PROFILE, "p").orElseThrow().downloads()).isEqualTo(2);
        }

        @Test
        void totalsCountItemsAndDownloadsPerKind() {
            assertThat(store.boltTotals()).isEqualTo(new BoltTotals(0, 0, 0, 0));

            store.saveBoltItem(boltItem(BoltKind.PROFILE, "p1", "d", List.of()));
            store.saveBoltItem(boltItem(BoltKind.PROFILE, "p2", "d", List.of()));
            store.saveBoltItem(boltItem(BoltKind.PLUGIN, "x1", "d", List.of()));
            store.recordBoltDownload(BoltKind.PROFILE, "p1");
            store.recordBoltDownload(BoltKind.PROFILE, "p2");
            store.recordBoltDownload(BoltKind.PLUGIN, "x1");
            store.recordBoltDownload(BoltKind.PLUGIN, "x1");
            store.recordBoltDownload(BoltKind.PLUGIN, "x1");

            BoltTotals totals = store.boltTotals();
            assertThat(totals).isEqualTo(new BoltTotals(2, 1, 2, 3));
            assertThat(totals.totalDownloads()).isEqualTo(5);
        }

        @Test
        void anItemWithoutVersionIsRefusedAndTheStoredOneKept() {
            store.saveBoltItem(boltItem(BoltKind.PROFILE, "p", "kept", List.of()));
            BoltItem broken = new BoltItem(BoltKind.PROFILE, "p", null, "broken", null, List.of(), 0, "{}",
                    digest("c"), 1, "application/json", 0, null, null);

            assertThatThrownBy(() -> store.saveBoltItem(broken))
                    .isInstanceOf(NullPointerException.class)
                    .hasMessageContaining("version");
            assertThat(store.findBoltItem(BoltKind.PROFILE, "p").orElseThrow().description()).isEqualTo("kept");
        }
    }

    @Nested
    class Concurrency {

        private static final int THREADS = 8;

        @Test
        void clientsLinkingTheSameBlobAtOnceAllSucceed() throws Exception {
            concurrently(THREADS, 10, (thread, round) ->
                    store.linkBlob("repo-" + round, digest("shared-layer"), 4096, LAYER));

            for (int round = 0; round < 10; round++) {
                assertThat(store.linkedBlobSize("repo-" + round, digest("shared-layer"))).contains(4096L);
            }
            assertThat(store.listRepositories(null, 100)).hasSize(10);
        }

        @Test
        void clientsMovingTheSameTagAtOnceAllSucceedAndTheTagEndsOnOneOfTheirManifests() throws Exception {
            concurrently(THREADS, 10, (thread, round) ->
                    store.putManifest("app", manifest("m-" + thread + "-" + round), "latest"));

            assertThat(store.listTags("app", null, 10)).containsExactly("latest");
            String tagged = store.findManifestByTag("app", "latest").orElseThrow().digest();
            List<String> pushed = new ArrayList<>();
            for (int thread = 0; thread < THREADS; thread++) {
                for (int round = 0; round < 10; round++) {
                    pushed.add(digest("m-" + thread + "-" + round));
                    assertThat(store.findManifest("app", digest("m-" + thread + "-" + round))).isPresent();
                }
            }
            assertThat(pushed).contains(tagged);
        }

        @Test
        void pushesRacingTagDeletesLeaveEveryTagEitherWhollyThereOrGone() throws Exception {
            concurrently(THREADS, 20, (thread, round) -> {
                String tag = "t" + (round % 4);
                if (thread % 2 == 0) {
                    store.putManifest("app", manifest("m-" + tag), tag);
                } else {
                    store.deleteTag("app", tag);
                }
            });

            for (int i = 0; i < 4; i++) {
                String tag = "t" + i;
                Optional<ManifestRecord> tagged = store.findManifestByTag("app", tag);
                assertThat(store.listTags("app", null, 10).contains(tag)).isEqualTo(tagged.isPresent());
                tagged.ifPresent(found -> assertThat(found.digest()).isEqualTo(digest("m-" + tag)));
                assertThat(store.findManifest("app", digest("m-" + tag))).isPresent();
            }
        }

        @Test
        void pushesRacingManifestDeletesLeaveEachManifestWithItsTagAndReferencesOrWithoutAnyOfThem() throws Exception {
            for (int i = 0; i < 3; i++) {
                store.linkBlob("app", digest("layer-m-" + i), 20, LAYER);
            }
            concurrently(THREADS, 20, (thread, round) -> {
                String seed = "m-" + (round % 3);
                if (thread % 2 == 0) {
                    store.putManifest("app", manifest(seed, List.of(digest("layer-" + seed))), "t-" + seed);
                } else {
                    store.deleteManifest("app", digest(seed));
                }
            });

            for (int i = 0; i < 3; i++) {
                String seed = "m-" + i;
                boolean stored = store.findManifest("app", digest(seed)).isPresent();
                assertThat(store.findManifestByTag("app", "t-" + seed).isPresent()).as("tag of " + seed).isEqualTo(stored);
                assertThat(store.unlinkBlob("app", digest("layer-" + seed))).as("references of " + seed)
                        .isEqualTo(stored ? new BlobUnlink.Referenced(List.of(digest(seed))) : new BlobUnlink.Unlinked(true));
            }
        }

        /** As {@link #unlinksRacingManifestPutsNeverLeaveAManifestWithoutItsBlob}, for an index and its child's delete. */
        @Test
        void childDeletesRacingIndexPutsNeverLeaveAnIndexWithoutItsChild() throws Exception {
            int rounds = 40;
            for (int round = 0; round < rounds; round++) {
                store.putManifest("app", manifest("child-" + round), List.of());
            }
            ManifestDeletion[] deletions = new ManifestDeletion[rounds];
            boolean[] stored = new boolean[rounds];
            concurrently(2, rounds, (thread, round) -> {
                if (thread == 0) {
                    try {
                        store.putManifest("app", index("idx-" + round, List.of(digest("child-" + round))), "t" + round);
                        stored[round] = true;
                    } catch (MissingReferencesException e) {
                        assertThat(e.manifests()).containsExactly(digest("child-" + round));
                    }
                } else {
                    deletions[round] = store.deleteManifest("app", digest("child-" + round));
                }
            });

            for (int round = 0; round < rounds; round++) {
                assertThat(store.findManifest("app", digest("idx-" + round)).isPresent()).as("round " + round)
                        .isEqualTo(stored[round]);
                assertThat(store.findManifest("app", digest("child-" + round)).isPresent()).as("child of round " + round)
                        .isEqualTo(stored[round]);
                assertThat(deletions[round]).as("delete of round " + round).isEqualTo(stored[round]
                        ? new ManifestDeletion.Referenced(List.of(digest("idx-" + round)))
                        : new ManifestDeletion.Deleted());
            }
        }

        /**
         * Each round links a layer, then one thread puts a manifest that references it while another unlinks it. Either
         * the put wins (the unlink is refused naming it) or the unlink does (the put is refused naming the layer): never
         * both, and never a stored manifest whose layer is no longer linked.
         */
        @Test
        void unlinksRacingManifestPutsNeverLeaveAManifestWithoutItsBlob() throws Exception {
            int rounds = 40;
            for (int round = 0; round < rounds; round++) {
                store.linkBlob("app", digest("layer-" + round), 20, LAYER);
            }
            BlobUnlink[] unlinks = new BlobUnlink[rounds];
            boolean[] stored = new boolean[rounds];
            concurrently(2, rounds, (thread, round) -> {
                if (thread == 0) {
                    try {
                        store.putManifest("app", manifest("m-" + round, List.of(digest("layer-" + round))), "t" + round);
                        stored[round] = true;
                    } catch (MissingReferencesException e) {
                        assertThat(e.blobs()).containsExactly(digest("layer-" + round));
                    }
                } else {
                    unlinks[round] = store.unlinkBlob("app", digest("layer-" + round));
                }
            });

            for (int round = 0; round < rounds; round++) {
                boolean linked = store.linkedBlobSize("app", digest("layer-" + round)).isPresent();
                assertThat(store.findManifest("app", digest("m-" + round)).isPresent()).as("round " + round).isEqualTo(stored[round]);
                assertThat(linked).as("layer of round " + round).isEqualTo(stored[round]);
                assertThat(unlinks[round]).as("unlink of round " + round).isEqualTo(stored[round]
                        ? new BlobUnlink.Referenced(List.of(digest("m-" + round)))
                        : new BlobUnlink.Unlinked(true));
            }
        }

        @Test
        void concurrentDownloadsAreAllCounted() throws Exception {
            store.saveBoltItem(boltItem(BoltKind.PLUGIN, "popular", "d", List.of()));

            concurrently(THREADS, 25, (thread, round) -> store.recordBoltDownload(BoltKind.PLUGIN, "popular"));

            assertThat(store.findBoltItem(BoltKind.PLUGIN, "popular").orElseThrow().downloads())
                    .isEqualTo(THREADS * 25);
        }

        @Test
        void republishingWhileDownloadsHappenLosesNoDownload() throws Exception {
            store.saveBoltItem(boltItem(BoltKind.PROFILE, "busy", "v0", List.of("a")));

            concurrently(THREADS, 20, (thread, round) -> {
                if (thread < 2) {
                    store.saveBoltItem(boltItem(BoltKind.PROFILE, "busy", "v" + round, List.of("t" + thread)));
                } else {
                    store.recordBoltDownload(BoltKind.PROFILE, "busy");
                }
            });

            BoltItem item = store.findBoltItem(BoltKind.PROFILE, "busy").orElseThrow();
            assertThat(item.downloads()).isEqualTo((THREADS - 2) * 20);
            assertThat(item.tags()).hasSize(1);
        }
    }

    @Nested
    class ContentLocks {

        @Test
        void anExclusiveHolderKeepsEveryOtherHolderWaitingUntilItIsDone() throws Exception {
            assertExcludes(store, LockMode.EXCLUSIVE, store, LockMode.SHARED);
            assertExcludes(store, LockMode.SHARED, store, LockMode.EXCLUSIVE);
            assertExcludes(store, LockMode.EXCLUSIVE, store, LockMode.EXCLUSIVE);
        }

        @Test
        void linkersShareTheLockAndOtherDigestsAreNotHeld() throws Exception {
            String held = digest("held");
            String other = digest("other");
            assertGrantedWhileHeld(held, LockMode.SHARED, held, LockMode.SHARED);
            assertGrantedWhileHeld(held, LockMode.EXCLUSIVE, other, LockMode.EXCLUSIVE);
        }

        private void assertGrantedWhileHeld(String held, LockMode heldMode, String wanted, LockMode wantedMode)
                throws IOException {
            store.underContentLock(held, heldMode, () -> assertThat(CompletableFuture.supplyAsync(
                    () -> lockQuietly(store, wanted, wantedMode))).succeedsWithin(Duration.ofSeconds(10)));
        }
    }

    // --- helpers ----------------------------------------------------------------------------------

    /**
     * While {@code holder} holds a digest's content lock in {@code held} mode, {@code waiter}'s request in {@code wanted}
     * mode does not get it (it is still waiting after a while), and gets it once the holder lets go.
     */
    protected static void assertExcludes(MetadataStore holder, LockMode held, MetadataStore waiter, LockMode wanted)
            throws Exception {
        String digest = digest("contended " + held + " " + wanted);
        CompletableFuture<String> waiting = holder.underContentLock(digest, held, () -> {
            CompletableFuture<String> request = CompletableFuture.supplyAsync(() -> lockQuietly(waiter, digest, wanted));
            assertThatThrownBy(() -> request.get(300, TimeUnit.MILLISECONDS))
                    .as("a %s request while %s is held", wanted, held).isInstanceOf(TimeoutException.class);
            return request;
        });
        assertThat(waiting).as("granted once released").succeedsWithin(Duration.ofSeconds(10)).isEqualTo(digest);
    }

    protected static String lockQuietly(MetadataStore store, String digest, LockMode mode) {
        try {
            return store.underContentLock(digest, mode, () -> digest);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }


    /** Runs {@code rounds} rounds of {@code task} on each of {@code threads} threads released together. */
    protected static void concurrently(int threads, int rounds, Concurrently.RoundTask task) throws Exception {
        Concurrently.run(threads, rounds, task);
    }

    /** A well-formed sha256 digest derived from {@code seed}. */
    protected static String digest(String seed) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> sorted(String... digests) {
        return Arrays.stream(digests).sorted().toList();
    }

    protected static NewManifest manifest(String seed) {
        return manifest(seed, List.of());
    }

    private static NewManifest manifest(String seed, List<String> blobRefs) {
        return new NewManifest(digest(seed), IMAGE_MANIFEST, 100, null, null, null, blobRefs, List.of());
    }

    private static NewManifest index(String seed, List<String> children) {
        return new NewManifest(digest(seed), IMAGE_INDEX, 300, null, null, null, List.of(), children);
    }

    private static NewManifest referrer(String seed, String subjectSeed, String artifactType) {
        return new NewManifest(digest(seed), IMAGE_MANIFEST, 200, digest(subjectSeed), artifactType, null,
                List.of(), List.of());
    }

    protected static BoltItem boltItem(BoltKind kind, String name, String description, List<String> tags) {
        return new BoltItem(kind, name, "1.0.0", description, "tester", tags, 4.0, "{\"name\":\"" + name + "\"}",
                digest("content-" + name), 10, "application/json", 0, null, null);
    }
}
