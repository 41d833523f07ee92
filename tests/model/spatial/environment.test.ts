// Geometry of the box, its barriers and the linear track.
import { describe, expect, it } from 'vitest';
import {
  EnvironmentError, distanceToNearestWall, firstCollision, insideBox, makeBox, makeTrack, reflectOffWall, stepCrossing, vectorFromSegment,
} from '../../../src/model/spatial/environment';

describe('environment geometry', () => {
  const box = makeBox(2, 1, [{ x1: 1, y1: 0, x2: 1, y2: 0.6 }]);

  it('builds four boundary walls plus the barriers and refuses impossible ones by field', () => {
    expect(box.walls).toHaveLength(5);
    expect(() => makeBox(0, 1)).toThrow(/^width: must be a positive length/);
    expect(() => makeBox(1, 1, [{ x1: 0.5, y1: 0.5, x2: 1.5, y2: 0.5 }])).toThrow(EnvironmentError);
    expect(() => makeBox(1, 1, [{ x1: 0.5, y1: 0.5, x2: 0.5, y2: 0.5 }])).toThrow(/barriers\[0\]: has zero length/);
    expect(() => makeTrack(-1)).toThrow(/^length:/);
  });

  it('measures distances to segments, including past their ends', () => {
    const s = { x1: 0, y1: 0, x2: 1, y2: 0 };
    expect(vectorFromSegment(s, 0.3, 0.2)).toEqual({ x: 0, y: 0.2 });
    const v = vectorFromSegment(s, 1.3, 0.4);
    expect(v.x).toBeCloseTo(0.3, 12);
    expect(v.y).toBeCloseTo(0.4, 12);
    expect(distanceToNearestWall(box, 1.1, 0.3)).toBeCloseTo(0.1, 12); // the barrier at x = 1
    expect(distanceToNearestWall(box, 1, 0.9)).toBeCloseTo(0.1, 12); // the top wall, above the barrier's end
  });

  it('detects steps that cross or land on a wall, not ones that start on it or run parallel', () => {
    const s = { x1: 1, y1: 0, x2: 1, y2: 0.6 };
    expect(stepCrossing(0.5, 0.3, 1.5, 0.3, s)).toBeCloseTo(0.5, 12);
    expect(stepCrossing(0.5, 0.3, 1, 0.3, s)).toBe(1);
    expect(stepCrossing(1, 0.3, 1.5, 0.3, s)).toBe(Infinity);
    expect(stepCrossing(0.5, 0.8, 1.5, 0.8, s)).toBe(Infinity); // passes above the barrier
    expect(stepCrossing(1, 0.1, 1, 0.5, s)).toBe(Infinity);
    expect(firstCollision(box, 0.5, 0.3, 2.5, 0.3)?.wall).toBe(box.barriers[0]);
    expect(firstCollision(box, 0.5, 0.3, 0.6, 0.4)).toBeNull();
    expect(insideBox(box, 1.5, 0.5)).toBe(true);
    expect(insideBox(box, 2, 0.5)).toBe(false);
  });

  it('reflects a velocity off a wall, keeping the parallel component', () => {
    const r = reflectOffWall(0.3, -0.4, { x1: 0, y1: 0, x2: 2, y2: 0 });
    expect(r.x).toBeCloseTo(0.3, 12);
    expect(r.y).toBeCloseTo(0.4, 12);
    const d = reflectOffWall(1, 0, { x1: 0, y1: 0, x2: 1, y2: 1 }); // a 45° wall turns +x into +y
    expect(d.x).toBeCloseTo(0, 12);
    expect(d.y).toBeCloseTo(1, 12);
  });
});
