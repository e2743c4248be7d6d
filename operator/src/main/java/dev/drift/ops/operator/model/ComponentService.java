package dev.drift.ops.operator.model;

import dev.drift.ops.deploy.DriftComponent;
import dev.drift.ops.operator.crd.DriftRegistry;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import java.util.Optional;

/** The Service in front of one component's pods: how the other components (and users, for the registry) reach it. */
public final class ComponentService {

    private ComponentService() {
    }

    /**
     * @param type     ClusterIP or NodePort
     * @param port     the Service's port (the container's port is the component's own)
     * @param nodePort for NodePort, a fixed port; else the cluster picks one
     */
    public static Service of(DriftRegistry owner, DriftComponent component, String type, int port,
                             Optional<Integer> nodePort) {
        String instance = owner.getMetadata().getName();
        return new ServiceBuilder()
                .withMetadata(Ownership.owned(owner, component.objectName(), InstanceLabels.of(instance, component.name())))
                .withNewSpec()
                    .withType(type)
                    .withSelector(InstanceLabels.selector(instance, component.name()))
                    .addNewPort()
                        .withName(component.name())
                        .withProtocol("TCP")
                        .withPort(port)
                        .withTargetPort(new IntOrString(component.port()))
                        .withNodePort(nodePort.orElse(null))
                    .endPort()
                .endSpec()
                .build();
    }

    /** A backend's Service: in the cluster only, on the component's own port. */
    public static Service internal(DriftRegistry owner, DriftComponent component) {
        return of(owner, component, "ClusterIP", component.port(), Optional.empty());
    }
}
