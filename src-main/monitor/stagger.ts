/**
 * Where in its interval each target's first run falls, as a fraction in
 * [0, 1). Independent random picks clump (some seconds get twice the average
 * load); the golden-ratio sequence spreads any number of targets, added one
 * at a time, almost evenly. The random start keeps two consoles watching the
 * same servers from probing them in step.
 */
const GOLDEN = (Math.sqrt(5) - 1) / 2;

export function staggerSequence(random: () => number): () => number {
  let x = random();
  return () => {
    x = (x + GOLDEN) % 1;
    return x;
  };
}
