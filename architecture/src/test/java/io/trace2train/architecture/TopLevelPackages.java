package io.trace2train.architecture;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.util.Objects;

/**
 * Slices a package tree into its root package and each package directly under it (with their subpackages): the
 * root counts as a slice too, since its classes (the Engine facade) take part in cycles like any package.
 */
record TopLevelPackages(String root) implements SliceAssignment {

    TopLevelPackages {
        Objects.requireNonNull(root, "root");
    }

    @Override
    public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
        String name = javaClass.getPackageName();
        if (name.equals(root)) {
            return SliceIdentifier.of(root + " (root)");
        }
        if (name.startsWith(root + ".")) {
            return SliceIdentifier.of(name.substring(root.length() + 1).split("\\.")[0]);
        }
        return SliceIdentifier.ignore();
    }

    @Override
    public String getDescription() {
        return root + " and each package under it";
    }
}
