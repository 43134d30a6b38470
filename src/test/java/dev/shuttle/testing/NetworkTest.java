package dev.shuttle.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class that does I/O: every test must leave no socket, selector or Shuttle thread
 * behind ({@link LeakCheck}), and no virtual thread may pin its carrier while it runs
 * ({@link PinningCheck}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith({LeakCheck.class, PinningCheck.class})
public @interface NetworkTest {}
