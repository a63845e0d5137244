package io.gridsense.analytics.rules;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The rules of one camera; either may be absent (that behaviour is not watched on this camera). */
public record RuleSet(GatheringRule gathering, FightRule fight) {

    /** Defaults for a street camera: 4 people for 10 s; a fight held for 3 s; one alarm per 2 minutes. */
    public static RuleSet defaults() {
        return new RuleSet(
                new GatheringRule("gathering", List.of(), 4, Duration.ofSeconds(10), Duration.ofMinutes(2), 0.5),
                new FightRule("fight", List.of(), Duration.ofSeconds(3), Duration.ofMinutes(2), 0.5));
    }

    public Optional<GatheringRule> gatheringRule() {
        return Optional.ofNullable(gathering);
    }

    public Optional<FightRule> fightRule() {
        return Optional.ofNullable(fight);
    }
}
