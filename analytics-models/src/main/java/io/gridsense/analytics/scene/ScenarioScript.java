package io.gridsense.analytics.scene;

import io.gridsense.analytics.BehaviorType;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The choreography of each {@link Scenario}, with the ground-truth intervals it implies, in the 640x360 reference
 * frame. Gathering intervals assume the default rule of 4 people: they run from the moment the 4th person stands
 * with the group until fewer than 4 remain.
 */
final class ScenarioScript {
    /** Walking pace in body heights per second (~1.4 m/s for a 1.7 m person). */
    private static final double PACE = 0.8;
    /** People stand on the paving between these foot heights (y); nearer is taller. */
    private static final double NEAR = 345;
    private static final double FAR = 235;

    /** What happens in a clip, in the reference frame, and when. */
    record Interval(BehaviorType type, double startS, double endS) {
    }

    record Script(List<Actor> actors, List<Interval> truth) {
    }

    private final Random rnd;
    private final double length;
    private final List<Actor> actors = new ArrayList<>();
    private final List<Interval> truth = new ArrayList<>();

    private ScenarioScript(long seed, double length) {
        this.rnd = new Random(seed);
        this.length = length;
    }

    static Script build(Scenario scenario, long seed, double length) {
        ScenarioScript s = new ScenarioScript(seed, length);
        switch (scenario) {
            case WALKING -> s.passersBy(2 + s.rnd.nextInt(4), 0);
            case QUEUE -> s.queue();
            case GATHERING -> s.gathering(false);
            case DISPERSING -> s.gathering(true);
            case JOGGING -> s.jogging();
            case PLAYING -> s.playing();
            case FIGHT -> s.fight();
            case SHAKY -> s.shaky();
            case EMPTY -> { }
        }
        return new Script(s.actors, s.truth);
    }

    private Actor person() {
        Actor a = new Actor(new Figure(rnd), rnd.nextDouble() * 6);
        actors.add(a);
        return a;
    }

    private static double walkTime(double dist, double y, double pace) {
        return Math.abs(dist) / (pace * Actor.heightAt(y));
    }

    private double depth() {
        return FAR + rnd.nextDouble() * (NEAR - FAR);
    }

    /** n people crossing at their own depth and pace, over and over; {@code after} delays the first crossing. */
    private void passersBy(int n, double after) {
        for (int i = 0; i < n; i++) {
            Actor a = person();
            double y = depth();
            double pace = PACE * (0.8 + rnd.nextDouble() * 0.45);
            boolean right = rnd.nextBoolean();
            double t = after + rnd.nextDouble() * 6;
            while (t < length) {
                double d = walkTime(780, y, pace);
                double y1 = y + (rnd.nextDouble() - 0.5) * 30;
                a.walk(t, t + d, right ? -70 : 710, y, right ? 710 : -70, y1);
                t += d + 1 + rnd.nextDouble() * 6;
                right = !right;
                y = y1;
            }
        }
    }

    private void queue() {
        int n = 5 + rnd.nextInt(3);
        double y = 262 + rnd.nextDouble() * 50;
        double h = Actor.heightAt(y);
        double gap = h * (0.42 + rnd.nextDouble() * 0.15);
        double head = 120 + rnd.nextDouble() * 60;
        // Every 6-10 s the line shuffles one place forward (to the left), together.
        List<Double> moves = new ArrayList<>();
        for (double t = 4 + rnd.nextDouble() * 4; t < length - 1; t += 6 + rnd.nextDouble() * 4) {
            moves.add(t);
        }
        for (int i = 0; i < n; i++) {
            Actor a = person();
            double x = head + i * gap;
            double yy = y + (rnd.nextDouble() - 0.5) * 6;
            double t = 0;
            for (double m : moves) {
                a.stand(t, m, x, yy, -1);
                double step = gap * 0.5;
                double d = walkTime(step, yy, PACE * 0.6);
                a.walk(m, m + d, x, yy, x - step, yy);
                x -= step;
                t = m + d;
            }
            a.stand(t, length, x, yy, -1);
        }
        passersBy(rnd.nextInt(2), 0);
    }

    /** A loose group standing in a disc about 1.2 heights across; with {@code dispersing} it is there from the start. */
    private void gathering(boolean dispersing) {
        int n = 4 + rnd.nextInt(4);
        double cx = 200 + rnd.nextDouble() * 240;
        double cy = 265 + rnd.nextDouble() * 45;
        double h = Actor.heightAt(cy);
        double form = dispersing ? 0 : 1 + rnd.nextDouble() * 4;
        double breakUp = dispersing ? 12 + rnd.nextDouble() * 8 : length - 4 - rnd.nextDouble() * 6;
        double[] arrive = new double[n];
        double[] leave = new double[n];
        for (int i = 0; i < n; i++) {
            Actor a = person();
            double ang = 2 * Math.PI * i / n + rnd.nextDouble() * 0.6;
            double r = h * (0.45 + rnd.nextDouble() * 0.5);
            // Foot positions on the ground: depth differences look 2.5x smaller in the image (the camera looks down).
            double x = cx + Math.cos(ang) * r;
            double y = Math.max(FAR, Math.min(NEAR, cy + Math.sin(ang) * r / 2.5));
            boolean fromLeft = rnd.nextBoolean();
            double edge = fromLeft ? -70 : 710;
            double start = form + i * (0.5 + rnd.nextDouble() * 1.2);
            arrive[i] = dispersing ? 0 : start + walkTime(x - edge, y, PACE);
            leave[i] = breakUp + rnd.nextDouble() * 2.5;
            if (!dispersing) {
                a.walk(start, arrive[i], edge, y, x, y);
            }
            a.stand(arrive[i], leave[i], x, y, x < cx ? 1 : -1);
            // Leave in any direction, out of the frame.
            double out = rnd.nextBoolean() ? -80 : 720;
            double ty = depth();
            a.walk(leave[i], leave[i] + walkTime(Math.hypot(out - x, (ty - y) * 2.5), y, PACE), x, y, out, ty);
        }
        double start = kth(arrive, 4);
        double end = kthFromTop(leave, 4);
        if (end - start > 1) {
            truth.add(new Interval(BehaviorType.GATHERING, start, end));
        }
        passersBy(rnd.nextInt(3), 0);
    }

    private static double kth(double[] v, int k) {
        double[] s = v.clone();
        java.util.Arrays.sort(s);
        return s[Math.min(k, s.length) - 1];
    }

    /** The time when fewer than k remain: the (n-k+1)-th earliest departure. */
    private static double kthFromTop(double[] v, int k) {
        double[] s = v.clone();
        java.util.Arrays.sort(s);
        return s[s.length - k];
    }

    private void jogging() {
        int n = 3 + rnd.nextInt(2);
        double y = 255 + rnd.nextDouble() * 60;
        double pace = PACE * (2 + rnd.nextDouble() * 0.8);
        boolean right = rnd.nextBoolean();
        double t = rnd.nextDouble() * 3;
        List<Actor> group = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            group.add(person());
        }
        while (t < length) {
            double d = walkTime(800, y, pace);
            for (int i = 0; i < n; i++) {
                // Side by side and a little staggered, as joggers run together.
                double dy = (i - n / 2.0) * 9;
                double lag = i * 0.12 + rnd.nextDouble() * 0.1;
                group.get(i).walk(t + lag, t + lag + d, right ? -80 : 720, y + dy, right ? 720 : -80, y + dy);
            }
            t += d + 2 + rnd.nextDouble() * 4;
            right = !right;
        }
        passersBy(rnd.nextInt(2), 0);
    }

    private void playing() {
        double cx = 180 + rnd.nextDouble() * 280;
        double cy = 270 + rnd.nextDouble() * 40;
        for (int i = 0; i < 3; i++) {
            Actor a = new Actor(new Figure(rnd, 0.6 + rnd.nextDouble() * 0.12), rnd.nextDouble() * 6);
            actors.add(a);
            double x = cx + (rnd.nextDouble() - 0.5) * 160;
            double y = cy + (rnd.nextDouble() - 0.5) * 40;
            double t = 0;
            while (t < length) {
                // Dash somewhere nearby, sometimes pause: tag or ball games.
                double d = 0.5 + rnd.nextDouble() * 1.2;
                double nx = Math.max(60, Math.min(580, cx + (rnd.nextDouble() - 0.5) * 260));
                double ny = Math.max(FAR, Math.min(NEAR, cy + (rnd.nextDouble() - 0.5) * 60));
                if (rnd.nextDouble() < 0.2) {
                    a.stand(t, t + d, x, y, rnd.nextBoolean() ? 1 : -1);
                } else {
                    a.walk(t, t + d, x, y, nx, ny);
                    x = nx;
                    y = ny;
                }
                t += d;
            }
        }
        passersBy(rnd.nextInt(2), 0);
    }

    private void fight() {
        double y = 255 + rnd.nextDouble() * 80;
        double h = Actor.heightAt(y);
        double x = 150 + rnd.nextDouble() * 300;
        double sep = h * (0.55 + rnd.nextDouble() * 0.2);
        double meet = 1 + rnd.nextDouble() * 3;
        double talk = 2 + rnd.nextDouble() * 4;
        Actor a = person();
        Actor b = person();
        double aIn = meet + walkTime(x + 70, y, PACE);
        double bIn = meet + walkTime(710 - x - sep, y, PACE);
        double start = Math.max(aIn, bIn) + talk;
        double end = Math.min(length - 3, start + 8 + rnd.nextDouble() * 10);
        a.walk(meet, aIn, -70, y, x, y).stand(aIn, start, x, y, 1).fight(start, end, x, y, 1);
        b.walk(meet, bIn, 710, y + 4, x + sep, y + 4).stand(bIn, start, x + sep, y + 4, -1)
                .fight(start, end, x + sep, y + 4, -1);
        // Afterwards one runs off, the other stays a moment and leaves.
        a.walk(end, end + walkTime(x + 80, y, PACE * 2), x, y, -80, y);
        b.stand(end, end + 2, x + sep, y + 4, -1).walk(end + 2, end + 2 + walkTime(720 - x, y, PACE), x + sep, y + 4, 720, y);
        truth.add(new Interval(BehaviorType.FIGHT, start, end));
        passersBy(rnd.nextInt(3), 0);
    }

    private void shaky() {
        double y = 260 + rnd.nextDouble() * 70;
        double x = 150 + rnd.nextDouble() * 300;
        double sep = Actor.heightAt(y) * (0.6 + rnd.nextDouble() * 0.2);
        person().stand(0, length, x, y, 1);
        person().stand(0, length, x + sep, y + 3, -1);
        passersBy(1 + rnd.nextInt(3), 0);
    }
}
