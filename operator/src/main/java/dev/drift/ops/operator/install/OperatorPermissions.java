package dev.drift.ops.operator.install;

import dev.drift.ops.operator.crd.DriftRegistry;
import dev.drift.ops.operator.reconcile.ObjectKinds;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * Exactly what the operator asks the API server, as RBAC rules, derived from the kinds the
 * reconciler watches and applies ({@link ObjectKinds}) so the two cannot drift apart:
 *
 * <ul>
 *   <li>DriftRegistries: list and watch (JOSDK's informer); their status: patch (server-side apply of the status).</li>
 *   <li>Secrets, ConfigMaps, Services, StatefulSets, Deployments: list and watch (informers); patch and create
 *       (server-side apply; the API server asks for create too when the apply makes the object);
 *       delete (what a resource no longer needs, e.g. the PostgreSQL after a switch to an external one, or the
 *       registry's StatefulSet after a switch to blobs in S3, which makes it a Deployment).</li>
 *   <li>Pods: list and watch, for the status; delete, for a pod a StatefulSet's rollout is stuck on
 *       ({@code StuckPods}); pods/proxy: get, to read an unready Drift's /readyz.</li>
 *   <li>Events: create.</li>
 * </ul>
 * Nothing is read by a plain get: informers' caches answer every question the reconciler has.
 */
public final class OperatorPermissions {

    static final List<String> WATCH = List.of("list", "watch");
    static final List<String> WATCH_AND_DELETE = List.of("list", "watch", "delete");
    static final List<String> APPLY_AND_DELETE = List.of("list", "watch", "create", "patch", "delete");

    private OperatorPermissions() {
    }

    public static List<PolicyRule> rules() {
        List<PolicyRule> rules = new ArrayList<>();
        rules.add(rule(DriftRegistry.GROUP, DriftRegistry.PLURAL, WATCH));
        rules.add(rule(DriftRegistry.GROUP, DriftRegistry.PLURAL + "/status", List.of("patch")));
        for (Class<? extends HasMetadata> kind : ObjectKinds.APPLIED) {
            rules.add(rule(HasMetadata.getGroup(kind), HasMetadata.getPlural(kind), APPLY_AND_DELETE));
        }
        for (Class<? extends HasMetadata> kind : ObjectKinds.OBSERVED) {
            rules.add(rule(HasMetadata.getGroup(kind), HasMetadata.getPlural(kind), WATCH_AND_DELETE));
        }
        rules.add(rule("", "pods/proxy", List.of("get")));
        rules.add(rule("", "events", List.of("create")));
        return rules;
    }

    private static PolicyRule rule(String group, String resource, List<String> verbs) {
        return new PolicyRuleBuilder().withApiGroups(group).withResources(resource).withVerbs(verbs).build();
    }
}
