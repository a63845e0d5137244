package io.gridsense.analytics.scene;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** The choreography of each {@link DemoScene}, in the 640x360 reference frame. */
final class SceneScript {
    /** Walking pace in body heights per second (~1.4 m/s for a 1.7 m person). */
    private static final double PACE = 0.8;

    private SceneScript() {
    }

    static List<Actor> build(DemoScene scene, long seed, double length) {
        Random rnd = new Random(seed);
        List<Actor> actors = new ArrayList<>();
        switch (scene) {
            case WALKING -> walking(rnd, length, actors);
            case GATHERING -> gathering(rnd, length, actors);
            case FIGHT -> fight(rnd, length, actors);
            case EMPTY -> { }
        }
        return actors;
    }

    private static double walkTime(double x0, double x1, double y) {
        return Math.abs(x1 - x0) / (PACE * Actor.heightAt(y));
    }

    private static void walking(Random rnd, double length, List<Actor> out) {
        double[] depths = {255, 300, 338};
        for (int i = 0; i < depths.length; i++) {
            Actor a = new Actor(new Figure(rnd), rnd.nextDouble() * 6);
            double t = i * 2.2 + rnd.nextDouble();
            boolean right = i % 2 == 0;
            double y = depths[i] + rnd.nextDouble() * 10;
            while (t < length) {
                double x0 = right ? -70 : 710;
                double x1 = right ? 710 : -70;
                double d = walkTime(x0, x1, y) * (0.9 + rnd.nextDouble() * 0.25);
                a.walk(t, t + d, x0, y, x1, y + (rnd.nextDouble() - 0.5) * 20);
                t += d + 0.5 + rnd.nextDouble() * 2;
                right = !right;
            }
            out.add(a);
        }
    }

    private static void gathering(Random rnd, double length, List<Actor> out) {
        double[][] spots = {{205, 255}, {330, 250}, {455, 258}, {150, 322}, {285, 328}, {425, 320}};
        double cx = 320;
        for (int i = 0; i < spots.length; i++) {
            Actor a = new Actor(new Figure(rnd), rnd.nextDouble() * 6);
            double x = spots[i][0] + (rnd.nextDouble() - 0.5) * 16;
            double y = spots[i][1] + (rnd.nextDouble() - 0.5) * 8;
            boolean fromLeft = x < cx;
            double edge = fromLeft ? -70 : 710;
            double t0 = 0.35 * i;
            double arrive = t0 + walkTime(edge, x, y);
            double leave = Math.max(arrive + 1, length - 6.5 + 0.3 * i);
            a.walk(t0, arrive, edge, y, x, y);
            a.stand(arrive, leave, x, y, fromLeft ? 1 : -1);
            a.walk(leave, leave + walkTime(x, edge, y), x, y, edge, y);
            out.add(a);
        }
    }

    private static void fight(Random rnd, double length, List<Actor> out) {
        double y = 300 + rnd.nextDouble() * 10;
        out.add(new Actor(new Figure(rnd), rnd.nextDouble() * 6).fight(0, length, 272, y, 1));
        out.add(new Actor(new Figure(rnd), rnd.nextDouble() * 6).fight(0, length, 368, y + 4, -1));
        Actor bystander = new Actor(new Figure(rnd), rnd.nextDouble() * 6);
        double by = 248;
        double t = 2;
        boolean right = true;
        while (t < length) {
            double d = walkTime(-70, 710, by);
            bystander.walk(t, t + d, right ? -70 : 710, by, right ? 710 : -70, by);
            t += d + 4;
            right = !right;
        }
        out.add(bystander);
    }
}
