import type { AudioEnergy } from "@/lib/engine/ops/snap-cuts";

// Test helper: a loudness envelope with speech where the test says, for snapping tests.

/** A 5 ms envelope: -20 dBFS inside the loud spans, `floor` elsewhere. */
export function envelope(lengthMs: number, loud: [number, number][], floor = -70): AudioEnergy {
  const db = new Float32Array(Math.ceil(lengthMs / 5));
  for (let i = 0; i < db.length; i++) {
    const t = i * 5 + 2.5;
    db[i] = loud.some(([a, b]) => t >= a && t < b) ? -20 : floor;
  }
  return { hopMs: 5, db };
}
