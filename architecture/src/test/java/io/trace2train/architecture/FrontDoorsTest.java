package io.trace2train.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import io.trace2train.architecture.reachesin.ReachesIn;
import org.junit.jupiter.api.Test;

/**
 * The front doors (the command line, the benchmarks, the demo) use the engine as an embedder does: through
 * {@code io.trace2train.engine} and the types its API hands out, never an internal of a package below it. Named by
 * package, so the rule holds wherever the modules move.
 */
class FrontDoorsTest {

    static final String ENGINE_ROOT = "io.trace2train.engine";

    static ArchRule frontDoorsUseOnlyTheEngineApi(JavaClasses classes, String... frontDoors) {
        return classes().that().resideInAnyPackage(frontDoors)
                .should(EngineApi.of(classes, ENGINE_ROOT).onlyThroughTheApi());
    }

    @Test
    void theCommandLineTheBenchmarksTheServiceAndTheSparkJobsUseOnlyThePublicEngineApi() {
        frontDoorsUseOnlyTheEngineApi(ProductClasses.all(), ProductClasses.ABOVE_ENGINE)
                .check(ProductClasses.all());
    }

    @Test
    void theApiIsTheRootPackageAndWhatItHandsOut() {
        EngineApi api = EngineApi.of(ProductClasses.all(), ENGINE_ROOT);
        // handed out: a verify result's accuracy reports, a run spec's settings
        assertTrue(api.exposed().contains("io.trace2train.engine.ifeval.AccuracyReport"), api::toString);
        assertTrue(api.exposed().contains("io.trace2train.engine.Engine"), api::toString);
        // internals: the JSON writer and the digests the API uses but never hands out
        assertFalse(api.exposed().contains("io.trace2train.api.io.AtomicFiles"), api::toString);
        assertFalse(api.exposed().contains("io.trace2train.engine.record.RecordJson"), api::toString);
    }

    @Test
    void theRuleCatchesAFrontDoorReachingForAnInternal() {
        JavaClasses classes = new ClassFileImporter().importPackages(ENGINE_ROOT, ReachesIn.class.getPackageName());
        EvaluationResult result = frontDoorsUseOnlyTheEngineApi(classes, ReachesIn.class.getPackageName())
                .evaluate(classes);
        String report = result.getFailureReport().toString();
        assertTrue(report.contains("io.trace2train.engine.io.Digests"), report);
        assertFalse(report.contains("io.trace2train.engine.Engine."), "the API itself is allowed: " + report);
    }
}
