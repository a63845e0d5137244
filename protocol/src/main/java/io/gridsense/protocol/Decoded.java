package io.gridsense.protocol;

import java.util.function.Consumer;

/** The outcome of decoding one message: either a valid value or a dead letter saying why not. */
public sealed interface Decoded<T> {

    /** A message that passed every check. */
    record Valid<T>(Topic topic, T value) implements Decoded<T> {
    }

    /** A message that failed a check; never thrown, always recorded. */
    record Invalid<T>(DeadLetter deadLetter) implements Decoded<T> {
    }

    default boolean isValid() {
        return this instanceof Valid;
    }

    /** Calls one of the two consumers. */
    default void handle(Consumer<Valid<T>> valid, Consumer<DeadLetter> invalid) {
        if (this instanceof Valid<T> v) {
            valid.accept(v);
        } else {
            invalid.accept(((Invalid<T>) this).deadLetter());
        }
    }
}
