package dev.shuttle.architecture;

import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Finds the types a user of a class can see in its public signatures (supertypes, permitted
 * subtypes, and the types in every public or protected field, constructor and method, generics
 * included) that a predicate calls hidden, such as the types of unexported packages.
 */
final class PublicSignatures {
    private final Predicate<Class<?>> hidden;

    PublicSignatures(Predicate<Class<?>> hidden) {
        this.hidden = hidden;
    }

    /**
     * {@return a line per hidden type in the visible signatures of {@code type} and of its visible
     * nested types, naming where it appears}; empty when the type is not visible outside its package
     */
    List<String> leaks(Class<?> type) {
        List<String> found = new ArrayList<>();
        if (!visible(type)) {
            return found;
        }
        String where = type.getName();
        check(type.getGenericSuperclass(), where + " extends", found);
        for (Type implemented : type.getGenericInterfaces()) {
            check(implemented, where + " implements", found);
        }
        if (type.isSealed()) {
            for (Class<?> permitted : type.getPermittedSubclasses()) {
                check(permitted, where + " permits", found);
            }
        }
        for (TypeVariable<?> variable : type.getTypeParameters()) {
            check(variable, where + "<" + variable.getName() + ">", found);
        }
        for (Field field : type.getDeclaredFields()) {
            if (visible(field)) {
                check(field.getGenericType(), where + "." + field.getName(), found);
            }
        }
        for (Constructor<?> constructor : type.getDeclaredConstructors()) {
            if (visible(constructor)) {
                checkExecutable(constructor, where + "(constructor)", found);
            }
        }
        for (Method method : type.getDeclaredMethods()) {
            if (visible(method) && !method.isSynthetic()) {
                check(method.getGenericReturnType(), where + "." + method.getName() + "() returns", found);
                checkExecutable(method, where + "." + method.getName() + "()", found);
            }
        }
        for (Class<?> nested : type.getDeclaredClasses()) {
            found.addAll(leaks(nested));
        }
        return found;
    }

    private void checkExecutable(Executable executable, String where, List<String> found) {
        for (Type parameter : executable.getGenericParameterTypes()) {
            check(parameter, where + " takes", found);
        }
        for (Type thrown : executable.getGenericExceptionTypes()) {
            check(thrown, where + " throws", found);
        }
        for (TypeVariable<?> variable : executable.getTypeParameters()) {
            check(variable, where + " <" + variable.getName() + ">", found);
        }
    }

    private void check(Type type, String where, List<String> found) {
        walk(type, where, found, new HashSet<>());
    }

    private void walk(Type type, String where, List<String> found, Set<Type> seen) {
        if (type == null || !seen.add(type)) {
            return;
        }
        switch (type) {
            case Class<?> c when c.isArray() -> walk(c.getComponentType(), where, found, seen);
            case Class<?> c -> {
                if (hidden.test(c)) {
                    found.add(where + " " + c.getName());
                }
            }
            case ParameterizedType p -> {
                walk(p.getRawType(), where, found, seen);
                walk(p.getOwnerType(), where, found, seen);
                for (Type argument : p.getActualTypeArguments()) {
                    walk(argument, where, found, seen);
                }
            }
            case WildcardType w -> {
                for (Type bound : w.getUpperBounds()) {
                    walk(bound, where, found, seen);
                }
                for (Type bound : w.getLowerBounds()) {
                    walk(bound, where, found, seen);
                }
            }
            case TypeVariable<?> v -> {
                for (Type bound : v.getBounds()) {
                    walk(bound, where, found, seen);
                }
            }
            case GenericArrayType a -> walk(a.getGenericComponentType(), where, found, seen);
            default -> throw new IllegalStateException("unknown kind of type: " + type);
        }
    }

    private static boolean visible(Class<?> type) {
        int modifiers = type.getModifiers();
        boolean outward = Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
        return outward && (type.getDeclaringClass() == null || visible(type.getDeclaringClass()));
    }

    private static boolean visible(Member member) {
        int modifiers = member.getModifiers();
        if (Modifier.isPublic(modifiers)) {
            return true;
        }
        // A protected member is visible to subclasses, which only exist outside when the class can be extended.
        return Modifier.isProtected(modifiers) && !Modifier.isFinal(member.getDeclaringClass().getModifiers());
    }
}
