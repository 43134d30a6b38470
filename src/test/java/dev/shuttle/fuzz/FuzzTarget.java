package dev.shuttle.fuzz;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import net.jqwik.api.Property;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AddLifecycleHook;

/**
 * A fuzz target: a jqwik property tried with fresh random inputs until its time budget is spent
 * ({@link FuzzBudget}, 1.5 seconds unless {@code -Dshuttle.fuzz.seconds} says otherwise), then
 * shrunk to a small failing input if one was found. Each target's Javadoc states the invariant it
 * asserts.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Property(tries = Integer.MAX_VALUE, shrinking = ShrinkingMode.BOUNDED)
@AddLifecycleHook(FuzzBudget.class)
public @interface FuzzTarget {}
