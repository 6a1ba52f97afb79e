package io.trace2train.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import io.trace2train.architecture.cyclic.Facade;
import org.junit.jupiter.api.Test;

/** The engine is a library: its packages form no cycle, and it knows nothing of the command line above it. */
class EnginePackagesTest {

    /** The rule the engine keeps; a test below shows it catches a cycle through the root package. */
    static ArchRule noCyclesUnder(String root) {
        return slices().assignedFrom(new TopLevelPackages(root)).should().beFreeOfCycles();
    }

    @Test
    void enginePackagesHaveNoCycles() {
        noCyclesUnder("io.trace2train.engine").check(ProductClasses.all());
    }

    @Test
    void theCycleRuleCatchesACycleThroughTheRootPackage() {
        // fixture: cyclic.Facade uses cyclic.part.Part, which uses the Facade back
        JavaClasses cyclic = new ClassFileImporter().importPackages(Facade.class.getPackageName());
        EvaluationResult result = noCyclesUnder(Facade.class.getPackageName()).evaluate(cyclic);
        assertTrue(result.hasViolation());
        assertTrue(result.getFailureReport().toString().contains("Part"), result.getFailureReport()::toString);
    }

    @Test
    void engineDoesNotDependOnPicocli() {
        noClasses().that().resideInAPackage(ProductClasses.ENGINE)
                .should().dependOnClassesThat().resideInAPackage("picocli..")
                .check(ProductClasses.all());
    }

    @Test
    void engineDoesNotDependOnWhatIsBuiltOnIt() {
        noClasses().that().resideInAPackage(ProductClasses.ENGINE)
                .should().dependOnClassesThat().resideInAnyPackage(ProductClasses.ABOVE_ENGINE)
                .check(ProductClasses.all());
    }
}
