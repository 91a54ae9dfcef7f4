/**
 * The structure of `src/`: no import circles, and no module importing one beside it or above it
 * in the layers of the README's "How it is built" (test/structure/layers.ts). Type-only imports
 * count: they tie the files together for a reader as much as values do.
 */
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { circles, importEdges } from "./import-graph.js";
import { LAYERS, layerOf, moduleOf } from "./layers.js";

const src = fileURLToPath(new URL("../../src", import.meta.url));
const edges = importEdges(src);

describe("the imports of src/", () => {
  it("form no circle", () => {
    expect(circles(edges).map((c) => c.join(" ↔ "))).toEqual([]);
  });

  it("place every file in a layer", () => {
    const files = [...new Set(edges.flatMap((e) => [e.from, e.to]))];
    expect(files.filter((f) => moduleOf(f) === undefined)).toEqual([]);
  });

  it("only go down the layers", () => {
    const wrong = edges.flatMap((e) => {
      const [from, to] = [moduleOf(e.from), moduleOf(e.to)];
      if (!from || !to || from === to) return [];
      const [a, b] = [layerOf(from), layerOf(to)];
      if (b < a) return [];
      return [`${e.from} → ${e.to}${e.typeOnly ? " (type)" : ""}: ${b === a ? "beside it" : "above it"}`];
    });
    expect(wrong).toEqual([]);
  });

  it("read the layer table as the README draws it", () => {
    expect(LAYERS.flat().length).toBe(new Set(LAYERS.flat()).size);
  });
});
