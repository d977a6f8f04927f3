"""Writes the leakage screen's synthetic controls as a CSV (stdlib only, seeded): legitimate features x1..x5 and a
category, a label drawn from their true probability, and four controls:
  strong_legit     the true log-odds plus noise: a legitimately strong feature, known at prediction time;
  label_noisy      the label plus Gaussian noise (sd 1): computed from the outcome;
  label_noisy_weak the label plus Gaussian noise (sd 3);
  difficulty_like  how many of 21 classifiers got the row right, each right with the true probability of the row's
                   own class: computed from models' results (NSL-KDD's construction, not the network simulator's).
Usage: leakage_controls.py <output.csv> [rows] [seed]"""
import math, random, sys

out, rows, seed = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 20000, int(sys.argv[3]) if len(sys.argv) > 3 else 7
rng = random.Random(seed)
effects = {"a": 0.0, "b": 0.8, "c": -0.6, "d": 1.5}
with open(out, "w") as f:
    f.write("row_id,x1,x2,x3,x4,x5,segment,strong_legit,label_noisy,label_noisy_weak,difficulty_like,label\n")
    for i in range(rows):
        x = [rng.gauss(0, 1) for _ in range(5)]
        x[1] += 0.5 * x[0]  # correlated features, as real ones are
        segment = rng.choice("abcd")
        logit = -2.0 + 1.5 * x[0] + 1.0 * x[1] * x[2] - 1.0 * x[3] + 0.5 * abs(x[4]) + effects[segment]
        p = 1 / (1 + math.exp(-logit))
        y = rng.random() < p
        strong = logit + rng.gauss(0, 0.5)
        right = p if y else 1 - p
        difficulty = sum(rng.random() < right for _ in range(21))
        f.write(f"{i + 1},{x[0]:.4f},{x[1]:.4f},{x[2]:.4f},{x[3]:.4f},{x[4]:.4f},{segment},{strong:.4f},"
                f"{int(y) + rng.gauss(0, 1):.4f},{int(y) + rng.gauss(0, 3):.4f},{difficulty},{'true' if y else 'false'}\n")
