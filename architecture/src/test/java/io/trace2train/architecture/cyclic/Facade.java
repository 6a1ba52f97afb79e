package io.trace2train.architecture.cyclic;

import io.trace2train.architecture.cyclic.part.Part;

/** Fixture: a root-package class that uses a subpackage which uses it back, as Engine and FolderRun once did. */
public final class Facade {

    public Part part() {
        return new Part(this);
    }
}
