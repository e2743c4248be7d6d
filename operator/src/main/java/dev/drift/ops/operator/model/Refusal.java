package dev.drift.ops.operator.model;

/** Thrown while resolving a resource's inputs when one of them cannot be used; carries the {@link Problem}. */
public final class Refusal extends Exception {

    private final Problem problem;

    public Refusal(Problem problem) {
        super(problem.reason() + ": " + problem.message(), null, false, false);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
