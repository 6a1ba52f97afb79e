package io.trace2train.architecture;

import static java.util.Objects.requireNonNull;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The engine's public API as a front door meets it: the root package's public types, and every type of a
 * sub-package those hand out or take (a result's component, a method's parameter or return, a supertype), followed
 * through their own public members. A front door may use these; anything else below the root package is an
 * internal it must not reach for.
 */
record EngineApi(String root, Set<String> exposed) {

    EngineApi {
        requireNonNull(root, "root");
        exposed = Set.copyOf(exposed);
    }

    static EngineApi of(JavaClasses classes, String root) {
        Set<String> exposed = new HashSet<>();
        Deque<JavaClass> todo = new ArrayDeque<>();
        classes.stream().filter(c -> c.getPackageName().equals(root) && isPublic(c)).forEach(c -> {
            exposed.add(c.getName());
            todo.add(c);
        });
        while (!todo.isEmpty()) {
            JavaClass type = todo.pop();
            signatureTypes(type).map(JavaClass::getBaseComponentType)
                    .filter(t -> t.getPackageName().startsWith(root + "."))
                    .filter(t -> exposed.add(t.getName()))
                    .forEach(todo::add);
        }
        return new EngineApi(root, exposed);
    }

    /** Every class named in a type's public signatures: supertypes, public members' parameters, returns, fields. */
    private static Stream<JavaClass> signatureTypes(JavaClass type) {
        Stream<JavaClass> supertypes = Stream.concat(type.getRawSuperclass().stream(), type.getRawInterfaces().stream());
        Stream<JavaClass> members = type.getCodeUnits().stream().filter(EngineApi::isPublic)
                .flatMap(unit -> Stream.concat(unit.getParameterTypes().stream(), Stream.of(unit.getReturnType())))
                .flatMap(EngineApi::rawTypes);
        Stream<JavaClass> fields = type.getFields().stream().filter(f -> f.getModifiers().contains(JavaModifier.PUBLIC))
                .map(JavaField::getType).flatMap(EngineApi::rawTypes);
        return Stream.of(supertypes, members, fields).flatMap(s -> s);
    }

    private static Stream<JavaClass> rawTypes(JavaType type) {
        return type.getAllInvolvedRawTypes().stream();
    }

    private static boolean isPublic(JavaClass type) {
        return type.getModifiers().contains(JavaModifier.PUBLIC);
    }

    private static boolean isPublic(JavaCodeUnit unit) {
        return unit.getModifiers().contains(JavaModifier.PUBLIC) && isPublic(unit.getOwner());
    }

    /** Whether {@code type} is below the root package and not handed out by its API. */
    boolean isInternal(JavaClass type) {
        JavaClass base = type.getBaseComponentType();
        return base.getPackageName().startsWith(root + ".") && !exposed.contains(base.getName());
    }

    /** A front door's condition: no dependency on an engine internal. */
    ArchCondition<JavaClass> onlyThroughTheApi() {
        return new ArchCondition<>("use the engine only through " + root + " and the types its API hands out") {
            @Override
            public void check(JavaClass item, ConditionEvents events) {
                for (Dependency dependency : item.getDirectDependenciesFromSelf()) {
                    if (isInternal(dependency.getTargetClass())) {
                        events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                    }
                }
            }
        };
    }
}
