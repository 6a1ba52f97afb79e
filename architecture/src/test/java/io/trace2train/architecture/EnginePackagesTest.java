package io.trace2train.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.junit.jupiter.api.Test;

/** The engine is a library: its packages form no cycle, and it knows nothing of the command line above it. */
class EnginePackagesTest {

    /** Each package directly under io.trace2train.engine is a slice, and so is the root package itself. */
    static final SliceAssignment ENGINE_PACKAGES = new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            String name = javaClass.getPackageName();
            if (name.equals("io.trace2train.engine")) {
                return SliceIdentifier.of("engine (root)");
            }
            if (name.startsWith("io.trace2train.engine.")) {
                return SliceIdentifier.of(name.substring("io.trace2train.engine.".length()).split("\\.")[0]);
            }
            return SliceIdentifier.ignore();
        }

        @Override
        public String getDescription() {
            return "io.trace2train.engine and each package under it";
        }
    };

    @Test
    void enginePackagesHaveNoCycles() {
        slices().assignedFrom(ENGINE_PACKAGES).should().beFreeOfCycles().check(ProductClasses.all());
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
