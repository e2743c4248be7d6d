package dev.drift.ops.operator.it;

import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * What each operator IT stands on: an admin client of the real cluster, the Drift image on its
 * node, a namespace of the test's own, and the operator under test watching it. Closed in the
 * reverse order, whatever part of it was made.
 */
record OperatorOnCluster(KubernetesClient admin, String driftImage, TestNamespace namespace,
                         OperatorUnderTest operator) implements AutoCloseable {

    static OperatorOnCluster start(String namespaceLabel) throws Exception {
        KubernetesClient admin = RealCluster.admin();
        TestNamespace namespace = null;
        try {
            String driftImage = ImagesForTests.drift(admin);
            namespace = TestNamespace.create(admin, namespaceLabel);
            return new OperatorOnCluster(admin, driftImage, namespace,
                    OperatorUnderTest.start(admin, namespace.name(), driftImage));
        } catch (Exception | Error e) {
            if (namespace != null) {
                namespace.close();
            }
            admin.close();
            throw e;
        }
    }

    @Override
    public void close() throws Exception {
        try {
            operator.close();
        } finally {
            try {
                namespace.close();
            } finally {
                admin.close();
            }
        }
    }
}
