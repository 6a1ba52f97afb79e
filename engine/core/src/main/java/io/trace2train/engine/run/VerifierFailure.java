package io.trace2train.engine.run;

/**
 * A verifier that could not be created or threw while judging (a plugin's bug, a stack overflow): the unit's record
 * gets error kind {@code verifier}, or {@code crash} where the cause is an {@link Error}.
 */
public class VerifierFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public VerifierFailure(String verifierId, String what, Throwable cause) {
        super("verifier '" + verifierId + "' " + what + " " + cause, cause);
    }
}
